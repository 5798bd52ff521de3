import sys

from generator.evaluation.keyphrases import main

sys.exit(main())
