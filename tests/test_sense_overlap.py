"""The sense overlap of a pair (generator/relate/sense.py): shared words weighted by how alike their
contexts are in the two abstracts."""

import numpy as np

from generator.relate import contexts, pairs, sense
from generator.relate.related import words

GAN = "We train a Wasserstein GAN generator with gradient penalty on images of faces."
TEXT = "The Wasserstein distance between text distributions of documents measures topic shift in corpora."
GAN2 = "A Wasserstein GAN generator with a critic and gradient penalty produces sharp images."


def _words(*texts: str) -> sense.Words:
    docs = [words(t) for t in texts]
    return sense.Words(docs, contexts.idf_of(docs))


def test_a_word_shared_in_two_senses_adds_to_the_word_cosine_not_to_the_sense_overlap() -> None:
    found = _words(GAN, TEXT, GAN2)
    cosine, same = sense.overlap(found, np.array([0, 0]), np.array([1, 2]))
    assert cosine[0] > 0.0  # "Wasserstein" is shared ...
    assert same[0] == 0.0  # ... but its neighbours are not
    assert same[1] > 0.2 and same[1] < cosine[1]


def test_the_word_cosine_is_the_sublinear_tfidf_cosine_of_the_words() -> None:
    found = _words(GAN, GAN2, TEXT)
    dense = found.weights.toarray()
    assert np.allclose(np.linalg.norm(dense, axis=1), 1.0)
    cosine, _ = sense.overlap(found, np.array([0]), np.array([1]))
    assert np.isclose(cosine[0], dense[0] @ dense[1])


def test_identical_abstracts_agree_in_every_shared_word() -> None:
    found = _words(GAN, GAN)
    cosine, same = sense.overlap(found, np.array([0]), np.array([1]))
    assert np.isclose(cosine[0], 1.0) and np.isclose(same[0], 1.0)


def test_the_sense_overlap_does_not_depend_on_input_order() -> None:
    texts = (GAN, TEXT, GAN2)
    found = _words(*texts)
    again = _words(*(texts[i] for i in (2, 0, 1)))  # GAN2, GAN, TEXT
    a = sense.overlap(found, np.array([0, 0]), np.array([2, 1]))
    b = sense.overlap(again, np.array([1, 1]), np.array([0, 2]))
    assert np.allclose(a, b, atol=1e-12)


def test_pair_features_read_the_sense_overlap_and_its_share() -> None:
    found = _words(GAN, TEXT, GAN2)
    import scipy.sparse as sp

    m = sp.csr_matrix(np.eye(3))
    spaces = pairs.Spaces(m, m, m, np.eye(3), found)
    cos = pairs.pair_cosines(spaces, np.array([0, 0]), np.array([1, 2]))
    assert cos[(0, 1)][4] == 0.0 and cos[(0, 1)][5] == 0.0
    assert 0.0 < cos[(0, 2)][4] < cos[(0, 2)][5] <= 1.0
