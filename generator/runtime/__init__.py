"""Runtime: the content-addressed cache of per-paper results (``cache``, the only module besides inputs
and the writer that touches the disk) and the process pool that runs an expensive per-text function
once per distinct input (``parallel``).
"""
