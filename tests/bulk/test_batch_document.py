"""What a batch's one signature covers: the list of its applications' document digests, in one canonical form."""
import hashlib

import pytest

from applications import canonical


def test_the_batch_document_lists_each_application_and_its_digest_in_order():
    first, second = hashlib.sha256(b"one").digest(), hashlib.sha256(b"two").digest()
    document = canonical.batch_document([("A1b2", first), ("C3d4", second.hex().upper())])
    assert document == f"oras-batch/1\nA1b2 {first.hex()}\nC3d4 {second.hex()}\n".encode()
    assert canonical.batch_challenge([("A1b2", first), ("C3d4", second)]) == hashlib.sha256(document).digest()
    assert canonical.batch_challenge([("C3d4", second), ("A1b2", first)]) != canonical.batch_challenge(
        [("A1b2", first), ("C3d4", second)])


@pytest.mark.parametrize("entry", [("A1", b"short"), ("A 1", hashlib.sha256(b"x").digest()), ("", "0" * 64),
                                   ("A1", "g" * 64)])
def test_a_malformed_entry_is_refused(entry):
    with pytest.raises(ValueError):
        canonical.batch_document([entry])
