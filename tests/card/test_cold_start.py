"""A fresh worker's first concurrent requests all see the trust anchors and the CRLs (issue 9, defect 1)."""
import datetime
import shutil
import threading

from cryptography.hazmat.primitives import serialization

from simulator import card_file
from verification import CrlDirectory, TrustStore

THREADS = 24
COPIES = 300  # enough files that loading takes longer than a thread switch


def _together(work):
    """Runs `work` in THREADS threads released at the same instant; returns their results."""
    barrier = threading.Barrier(THREADS)
    results = [None] * THREADS

    def run(i):
        barrier.wait()
        try:
            results[i] = work()
        except Exception as error:  # noqa: BLE001 - the result under test
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_cold_trust_store_under_many_threads(test_ca, tmp_path):
    anchors = sorted(test_ca.anchor_dir("authentication").glob("*.pem"))
    for i in range(COPIES):
        shutil.copy(anchors[i % len(anchors)], tmp_path / f"{i:04}.pem")
    store = TrustStore([tmp_path])
    counts = _together(lambda: len(store.anchors()))
    assert counts == [COPIES] * THREADS


def test_cold_crl_directory_under_many_threads(test_ca, tmp_path):
    card = card_file.issue_card(test_ca)
    certificate = card_file.certificate(card, "authentication")
    der = certificate.public_bytes(serialization.Encoding.DER)
    issuer = TrustStore([test_ca.anchor_dir("authentication")]).issuer_of(certificate, der)
    crls = sorted((test_ca.path / "crl").glob("*.crl"))
    for i in range(COPIES):
        shutil.copy(crls[i % len(crls)], tmp_path / f"{i:04}.crl")
    directory = CrlDirectory(tmp_path)
    now = datetime.datetime.now(datetime.timezone.utc)
    outcomes = _together(lambda: directory.check(certificate, issuer, now))
    assert outcomes == [None] * THREADS
