"""The grading sandbox: a learner's kernel under bubblewrap, cut off from the network and the course.

Outside CI these tests skip when bubblewrap is missing (a French reason names the package);
under CI=true they must run.
"""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from obm.correction.bac_a_sable import Limites, NoyauIsole, commande_isolee

RACINE = Path(__file__).resolve().parents[1]

if shutil.which("bwrap") is None:
    raison = "bubblewrap manque : installe le paquet Debian bubblewrap (apt-get install -y bubblewrap)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true : {raison}", pytrace=False)
    pytest.skip(raison, allow_module_level=True)


def executer(km, code, delai=60):
    """Run `code` in the kernel; return (stdout text, error name or None)."""
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        client.execute(code)
        sortie, erreur = "", None
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            message = client.get_iopub_msg(timeout=delai)
            if message["msg_type"] == "stream":
                sortie += message["content"]["text"]
            elif message["msg_type"] == "error":
                erreur = message["content"]["ename"]
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return sortie, erreur
        raise TimeoutError(code)
    finally:
        client.stop_channels()


@pytest.fixture
def noyau(tmp_path):
    km = NoyauIsole(travail=str(tmp_path), racine_cours=str(RACINE), kernel_name="python3",
                    limites=Limites(memoire_octets=1024**3, processus=32))
    km.start_kernel(env=dict(os.environ))
    yield km
    km.shutdown_kernel(now=True)


SONDE = r'''
import json, os, socket
r = {"pid": os.getpid()}
try:
    socket.create_connection(("1.1.1.1", 80), timeout=2)
    r["internet"] = "ouvert"
except OSError:
    r["internet"] = "coupé"
r["solutions"] = os.path.exists(%(solutions)r)
r["maison"] = os.path.exists("/home") and bool(os.listdir("/home")) or os.path.exists("/root/.bashrc")
r["tests"] = os.path.exists(%(tests)r)
r["carnet"] = os.path.exists(%(carnet)r)
r["python"] = os.path.exists(%(python)r)
r["donnees"] = os.path.exists(%(donnees)r)
try:
    open(%(src)r, "w")
    r["ecrire_cours"] = "oui"
except OSError:
    r["ecrire_cours"] = "refusé"
with open("ecrit_ici.txt", "w") as f:
    f.write("ok")
import obm.planification, matplotlib.pyplot
print(json.dumps(r))
'''


def test_isolement(noyau, tmp_path):
    """Is the kernel off the network, in its own PID namespace, blind to solutions/ and tests/,
    unable to write the course, yet able to use obm, data/ and its own scratch folder?"""
    code = SONDE % {
        "solutions": str(RACINE / "solutions"), "tests": str(RACINE / "tests"),
        "carnet": str(RACINE / "nbgrader_config.py"), "python": str(RACINE / ".venv"),
        "donnees": str(RACINE / "data" / "lancement_entonnoir.csv"),
        "src": str(RACINE / "src" / "obm" / "pirate.py"),
    }
    sortie, erreur = executer(noyau, code)
    assert erreur is None, sortie
    r = json.loads(sortie.strip().splitlines()[-1])
    assert r["internet"] == "coupé"
    assert r["pid"] < 10, "le noyau devrait avoir son propre espace de processus"
    assert r["solutions"] is False and r["tests"] is False and r["carnet"] is False
    assert r["donnees"] is True
    assert r["maison"] is False, "les dossiers personnels ne doivent pas être visibles"
    assert r["ecrire_cours"] == "refusé"
    assert (tmp_path / "ecrit_ici.txt").read_text() == "ok"
    assert not (RACINE / "src" / "obm" / "pirate.py").exists()


def test_memoire_limitee(noyau):
    """Does a submission that asks for more memory than its limit get a MemoryError, not the machine?"""
    _, erreur = executer(noyau, "b = bytearray(3 * 1024**3)")
    assert erreur == "MemoryError"
    sortie, erreur = executer(noyau, "print(40 + 2)")
    assert erreur is None and sortie.strip() == "42", "le noyau doit survivre à la limite"


def test_nombre_de_processus_limite(noyau):
    """Does a fork bomb hit the process limit (a pids cgroup: RLIMIT_NPROC does not bind root)?"""
    if noyau._groupe is None:
        pytest.skip("pas de groupe de contrôle « pids » inscriptible sur cette machine")
    code = r'''
import os, time
n = 0
try:
    for _ in range(200):
        if os.fork() == 0:
            time.sleep(3); os._exit(0)
        n += 1
except OSError:
    pass
print(n)
'''
    sortie, erreur = executer(noyau, code)
    assert erreur is None
    assert int(sortie.strip().splitlines()[-1]) < 32


def test_commande_ne_montre_que_le_necessaire():
    """Does the sandbox show only the system, Python and src/data/syllabus of the course (read-only)?"""
    commande = commande_isolee(["python", "-m", "ipykernel_launcher"], travail=Path("/tmp/x"),
                               racine_cours=RACINE)
    lies = [commande[i + 1] for i, a in enumerate(commande) if a == "--ro-bind"]
    assert "/" not in lies and str(RACINE) not in lies
    assert str(RACINE / "src") in lies and str(RACINE / "data") in lies
    assert not any(p.startswith(str(RACINE / "solutions")) or p.startswith(str(RACINE / "gradebook"))
                   for p in lies)
    assert not any(p in ("/home", "/root", "/srv", "/work") for p in lies)
    ecrits = [commande[i + 1] for i, a in enumerate(commande) if a == "--bind"]
    assert ecrits == ["/tmp/x"]
    assert "--unshare-net" in commande and "--die-with-parent" in commande


def test_groupes_de_controle_retires(tmp_path):
    """Are the kernel's control groups (pids, memory) removed once it is shut down, even after
    the kernel died on its own?"""
    km = NoyauIsole(travail=str(tmp_path), racine_cours=str(RACINE), kernel_name="python3",
                    limites=Limites(memoire_octets=1024**3, processus=32))
    groupes = [g for g in (km._groupe, km._groupe_memoire) if g is not None]
    km.start_kernel(env=dict(os.environ))
    try:
        executer(km, "import os\nos._exit(3)", delai=5)
    except Exception:  # noqa: BLE001 - the kernel dies without answering
        pass
    km.shutdown_kernel(now=True)
    assert all(not g.exists() for g in groupes), groupes
