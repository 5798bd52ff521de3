/* The part-of-speech tagger's greedy decoder, compiled (generator/text/tagger.py, ``Model._tag_tokens``).
 *
 * The same features, the same integer weights and the same left-to-right argmax as the pure-Python
 * decoder, so the same tags and scores (tests/test_tagger.py compares both paths); only the string
 * building, the feature-id lookups and the row sums move out of the interpreter. Built as an optional
 * extension (setup.py): where it cannot be compiled the pure-Python decoder runs.
 *
 * decode(tokens, words, lex, row, offsets, entries, tagdict, tags, own, own_ids)
 *   tokens   list of str: the sentence's tokens as written
 *   words    list of str: their normal forms, padded by two START and two END words
 *   lex      list of str: ``lexical`` of each of ``words``
 *   row      dict str -> int: a feature's row (absent: no weights, left out)
 *   offsets  buffer of int32: row r's weights are entries[offsets[r]:offsets[r + 1]]
 *   entries  buffer of int32: a nonzero weight * 256 + its column (a tag)
 *   tagdict  dict str -> str: words with one tag (no scores)
 *   tags     list of str: the matrix's columns
 *   own      dict str -> list of int: a token's own features' rows (``own_features``), remembered
 *   own_ids  callable(word, token) -> list of int: those rows for a token not in ``own``
 * returns (tags: list of str, scores: bytes of len(tokens) x len(tags) int64, scored: bytes of 0/1)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* The feature templates, in the order of their ids (``TEMPLATES``): a feature is a template and up to
 * three arguments, joined by spaces ("t1l1s NN NNS g"). */
enum { W1, S1, W2, WP1, SP1, LP1, WP2, LP2, L12, WL1, T1, T2, T12, T1W, T1L1, T1L1S, NTEMPLATES };
static const char *TEMPLATE_NAMES[NTEMPLATES] = {"w-1", "s-1", "w-2", "w+1", "s+1", "l+1", "w+2", "l+2",
                                                 "l12", "wl1", "t1", "t2", "t12", "t1w", "t1l1", "t1l1s"};

/* A feature's key: template id + 1, then each argument's id in the vocabulary + 1, 16 bits each. */
static inline uint64_t
key_of(uint64_t template, uint64_t a, uint64_t b, uint64_t c)
{
    return (template + 1) | (a << 8) | (b << 24) | (c << 40);
}

/* the features' rows by key (open addressing, linear probing; key 0: empty) and the weights' nonzero
 * entries by row: row r's are entries[offsets[r]:offsets[r + 1]], each weight * 256 + column */
typedef struct {
    uint64_t *keys;
    int32_t *rows;
    uint64_t mask;
    int32_t *offsets;
    int32_t *entries;
    Py_ssize_t nrows;
} Table;

static inline uint64_t
mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static void
table_free(PyObject *capsule)
{
    Table *t = PyCapsule_GetPointer(capsule, "tagdecode.Table");
    if (t == NULL)
        return;
    PyMem_RawFree(t->keys);
    PyMem_RawFree(t->rows);
    PyMem_RawFree(t->offsets);
    PyMem_RawFree(t->entries);
    PyMem_RawFree(t);
}

/* table(keys, rows, offsets, entries): keys uint64 and rows int32, one a feature; offsets and entries
 * int32 (``tagger.sparse_rows``). Copied, so the buffers may go. */
static PyObject *
table(PyObject *self, PyObject *args)
{
    Py_buffer kb, rb, ob, eb;
    if (!PyArg_ParseTuple(args, "y*y*y*y*", &kb, &rb, &ob, &eb))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = kb.len / 8;
    Table *t = PyMem_RawCalloc(1, sizeof(Table));
    if (t == NULL || rb.len != n * 4 || ob.len < 8 || ob.len % 4 || eb.len % 4) {
        if (t == NULL)
            PyErr_NoMemory();
        else
            PyErr_SetString(PyExc_ValueError, "keys and rows must be one a feature");
        goto done;
    }
    uint64_t size = 1;
    while (size < (uint64_t)n * 2 + 2)
        size <<= 1;
    t->mask = size - 1;
    t->nrows = ob.len / 4 - 1;
    t->keys = PyMem_RawCalloc(size, sizeof(uint64_t));
    t->rows = PyMem_RawCalloc(size, sizeof(int32_t));
    t->offsets = PyMem_RawMalloc(ob.len);
    t->entries = PyMem_RawMalloc(eb.len ? eb.len : 4);
    if (!t->keys || !t->rows || !t->offsets || !t->entries) {
        PyErr_NoMemory();
        goto done;
    }
    memcpy(t->offsets, ob.buf, ob.len);
    memcpy(t->entries, eb.buf, eb.len);
    if (t->offsets[0] != 0 || t->offsets[t->nrows] != eb.len / 4) {
        PyErr_SetString(PyExc_ValueError, "offsets do not fit the entries");
        goto done;
    }
    for (Py_ssize_t r = 0; r < t->nrows; r++) {
        if (t->offsets[r + 1] < t->offsets[r]) {
            PyErr_SetString(PyExc_ValueError, "offsets must not fall");
            goto done;
        }
    }
    const uint64_t *keys = kb.buf;
    const int32_t *rows = rb.buf;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (keys[j] == 0 || rows[j] < 0 || rows[j] >= t->nrows) {
            PyErr_SetString(PyExc_ValueError, "a key is 0 or a row out of range");
            goto done;
        }
        uint64_t at = mix(keys[j]) & t->mask;
        while (t->keys[at] && t->keys[at] != keys[j])
            at = (at + 1) & t->mask;
        t->keys[at] = keys[j];
        t->rows[at] = rows[j];
    }
    result = PyCapsule_New(t, "tagdecode.Table", table_free);
    if (result != NULL)
        t = NULL;
done:
    if (t != NULL) {
        PyMem_RawFree(t->keys);
        PyMem_RawFree(t->rows);
        PyMem_RawFree(t->offsets);
        PyMem_RawFree(t->entries);
        PyMem_RawFree(t);
    }
    PyBuffer_Release(&kb);
    PyBuffer_Release(&rb);
    PyBuffer_Release(&ob);
    PyBuffer_Release(&eb);
    return result;
}

static inline void
add_row(const Table *t, int64_t *acc, Py_ssize_t r)
{
    for (int32_t j = t->offsets[r]; j < t->offsets[r + 1]; j++) {
        int32_t e = t->entries[j];
        acc[e & 255] += (e - (e & 255)) / 256;
    }
}

/* add the row of the feature (template, a, b, c) to acc; an argument 0 (not in the vocabulary) or a
 * key not in the table: no such feature, nothing added */
static inline void
add_feature(const Table *t, int64_t *acc, int template, uint64_t a, uint64_t b, uint64_t c, int arity)
{
    if (!a || (arity > 1 && !b) || (arity > 2 && !c))
        return;
    uint64_t key = key_of(template, a, b, c);
    uint64_t at = mix(key) & t->mask;
    while (t->keys[at]) {
        if (t->keys[at] == key) {
            add_row(t, acc, t->rows[at]);
            return;
        }
        at = (at + 1) & t->mask;
    }
}

static int
add_rows(const Table *t, int64_t *acc, PyObject *ids)
{
    PyObject *fast = PySequence_Fast(ids, "own ids must be a sequence");
    if (fast == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_ssize_t r = PyLong_AsSsize_t(items[j]);
        if (r == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
        if (r < 0 || r > t->nrows) {
            Py_DECREF(fast);
            PyErr_SetString(PyExc_IndexError, "feature row out of range");
            return -1;
        }
        if (r < t->nrows) /* the row past the last: unknown features, no weights */
            add_row(t, acc, r);
    }
    Py_DECREF(fast);
    return 0;
}

/* an argument's id in the vocabulary + 1, 0 when it is not there, -1 on error */
static inline long
vid(PyObject *vocab, PyObject *text)
{
    PyObject *number = PyDict_GetItemWithError(vocab, text);
    if (number == NULL)
        return PyErr_Occurred() ? -1 : 0;
    long v = PyLong_AsLong(number);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (v < 0 || v >= 65535) {
        PyErr_SetString(PyExc_ValueError, "vocabulary id out of range");
        return -1;
    }
    return v + 1;
}

/* vid of text[-n:] (n = 3), or of _tail(text)[-1:] (n = 0: "" when the word ends in a hyphen) */
static long
vid_last(PyObject *vocab, PyObject *word, Py_ssize_t n)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    PyObject *part;
    if (n == 0 && length > 1 && PyUnicode_READ_CHAR(word, length - 1) == '-')
        part = PyUnicode_New(0, 0);
    else {
        if (n == 0)
            n = 1;
        part = PyUnicode_Substring(word, length > n ? length - n : 0, length);
    }
    if (part == NULL)
        return -1;
    long v = vid(vocab, part);
    Py_DECREF(part);
    return v;
}

static PyObject *START1, *START2;

static PyObject *
decode(PyObject *self, PyObject *args)
{
    PyObject *capsule, *vocab, *tokens, *words, *lex, *tagdict, *tags, *own, *own_ids;
    if (!PyArg_ParseTuple(args, "OO!O!O!O!O!O!O!O", &capsule, &PyDict_Type, &vocab, &PyList_Type, &tokens,
                          &PyList_Type, &words, &PyList_Type, &lex, &PyDict_Type, &tagdict, &PyList_Type,
                          &tags, &PyDict_Type, &own, &own_ids))
        return NULL;
    Table *t = PyCapsule_GetPointer(capsule, "tagdecode.Table");
    if (t == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    Py_ssize_t ntags = PyList_GET_SIZE(tags);
    if (PyList_GET_SIZE(words) != n + 4 || PyList_GET_SIZE(lex) != n + 4 || ntags < 1 || ntags > 256) {
        PyErr_SetString(PyExc_ValueError, "words and lex must pad the tokens by two on each side");
        return NULL;
    }
    PyObject **word_items = PySequence_Fast_ITEMS(words), **lex_items = PySequence_Fast_ITEMS(lex);
    for (Py_ssize_t i = 0; i < n + 4; i++) {
        if (!PyUnicode_Check(word_items[i]) || !PyUnicode_Check(lex_items[i])) {
            PyErr_SetString(PyExc_TypeError, "words and lex must be str");
            return NULL;
        }
    }
    PyObject *out_tags = NULL, *scores = NULL, *scored = NULL, *result = NULL;
    long *ids = PyMem_Malloc(sizeof(long) * 3 * (n + 4));
    if (ids == NULL)
        return PyErr_NoMemory();
    long *wid = ids, *sid = ids + (n + 4), *lid = ids + 2 * (n + 4);
    for (Py_ssize_t i = 0; i < n + 4; i++) {
        if ((wid[i] = vid(vocab, word_items[i])) < 0 || (sid[i] = vid_last(vocab, word_items[i], 3)) < 0 ||
            (lid[i] = vid(vocab, lex_items[i])) < 0)
            goto fail;
    }
    out_tags = PyList_New(n);
    scores = PyBytes_FromStringAndSize(NULL, n * ntags * (Py_ssize_t)sizeof(int64_t));
    scored = PyBytes_FromStringAndSize(NULL, n);
    if (out_tags == NULL || scores == NULL || scored == NULL)
        goto fail;
    int64_t *all = (int64_t *)PyBytes_AS_STRING(scores);
    char *flags = PyBytes_AS_STRING(scored);
    memset(all, 0, n * ntags * sizeof(int64_t));
    memset(flags, 0, n);
    PyObject *prev = START1, *prev2 = START2; /* borrowed: from tags, tagdict or the constants */
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = k + 2;
        PyObject *word = word_items[i];
        PyObject *tag = PyDict_GetItemWithError(tagdict, word);
        if (tag == NULL) {
            if (PyErr_Occurred())
                goto fail;
            int64_t *acc = all + k * ntags;
            PyObject *token = PyList_GET_ITEM(tokens, k);
            PyObject *own_rows = PyDict_GetItemWithError(own, token);
            if (own_rows == NULL) {
                if (PyErr_Occurred())
                    goto fail;
                own_rows = PyObject_CallFunctionObjArgs(own_ids, word, token, NULL);
                if (own_rows == NULL)
                    goto fail;
                int bad = add_rows(t, acc, own_rows);
                Py_DECREF(own_rows);
                if (bad)
                    goto fail;
            } else if (add_rows(t, acc, own_rows)) {
                goto fail;
            }
            long p = vid(vocab, prev), p2 = vid(vocab, prev2), letter = vid_last(vocab, word, 0);
            if (p < 0 || p2 < 0 || letter < 0)
                goto fail;
            /* tagger.py: left1_features, left2_features, right1_features, right2_features,
             * pair_features, history_features, context_features */
            add_feature(t, acc, W1, wid[i - 1], 0, 0, 1);
            add_feature(t, acc, S1, sid[i - 1], 0, 0, 1);
            add_feature(t, acc, W2, wid[i - 2], 0, 0, 1);
            add_feature(t, acc, WP1, wid[i + 1], 0, 0, 1);
            add_feature(t, acc, SP1, sid[i + 1], 0, 0, 1);
            add_feature(t, acc, LP1, lid[i + 1], 0, 0, 1);
            add_feature(t, acc, WP2, wid[i + 2], 0, 0, 1);
            add_feature(t, acc, LP2, lid[i + 2], 0, 0, 1);
            add_feature(t, acc, L12, lid[i + 1], lid[i + 2], 0, 2);
            add_feature(t, acc, WL1, wid[i], lid[i + 1], 0, 2);
            add_feature(t, acc, T1, p, 0, 0, 1);
            add_feature(t, acc, T2, p2, 0, 0, 1);
            add_feature(t, acc, T12, p, p2, 0, 2);
            add_feature(t, acc, T1W, p, wid[i], 0, 2);
            add_feature(t, acc, T1L1, p, lid[i + 1], 0, 2);
            add_feature(t, acc, T1L1S, p, lid[i + 1], letter, 3);
            Py_ssize_t best = 0;
            for (Py_ssize_t c = 1; c < ntags; c++)
                if (acc[c] > acc[best])
                    best = c;
            tag = PyList_GET_ITEM(tags, best);
            flags[k] = 1;
        }
        Py_INCREF(tag);
        PyList_SET_ITEM(out_tags, k, tag);
        prev2 = prev;
        prev = tag;
    }
    result = PyTuple_Pack(3, out_tags, scores, scored);
fail:
    PyMem_Free(ids);
    Py_XDECREF(out_tags);
    Py_XDECREF(scores);
    Py_XDECREF(scored);
    return result;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS, "Greedy tags of one sentence (tagger.py, Model._tag_tokens)."},
    {"table", table, METH_VARARGS, "The features' rows by key and the weights, for decode."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_tagdecode", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__tagdecode(void)
{
    START1 = PyUnicode_InternFromString("-START-");
    START2 = PyUnicode_InternFromString("-START2-");
    if (START1 == NULL || START2 == NULL)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    PyObject *names = PyTuple_New(NTEMPLATES);
    if (names == NULL)
        return NULL;
    for (int j = 0; j < NTEMPLATES; j++) {
        PyObject *name = PyUnicode_FromString(TEMPLATE_NAMES[j]);
        if (name == NULL)
            return NULL;
        PyTuple_SET_ITEM(names, j, name);
    }
    if (PyModule_AddObject(m, "TEMPLATES", names) < 0)
        return NULL;
    return m;
}
