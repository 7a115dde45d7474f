"""`obm corriger` face à l'imprévu, avec le vrai nbgrader, le vrai carnet SQLite et le bac à sable.

A. Rien ne se perd : une correction tuée net (SIGKILL de tout son groupe de processus) au
   milieu du lot, pendant qu'un interpréteur de correction démarre, laisse un carnet sain et aucun processus
   derrière elle ; la relance finit le travail et donne exactement les notes d'une correction
   jamais interrompue (sur un second cours identique), et une troisième correction les mêmes
   encore. Le carnet est sauvegardé avant chaque correction, et submitted/ n'est jamais
   modifié, même par une copie qui essaie d'écrire ou d'effacer des fichiers.
B. Fichiers abîmés : une seule correction pour une copie par problème (JSON tronqué, fichier
   vide, octets qui ne sont pas de l'UTF-8, notebook au format 3, notebook renommé, pas de
   notebook, fichiers en plus) et deux copies honnêtes. La commande ne plante pas, chaque copie
   à problème est signalée en français dans « Copies à vérifier : », les copies honnêtes ont
   leurs points, et chaque fichier rendu reste là, octet pour octet.

Chaque correction tourne dans un sous-processus `obm corriger` (module 00_bienvenue, le plus
rapide), comme la formatrice la lance.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction.bac_a_sable import raison_indisponible

# Part A grades a copy that tries to overwrite and delete files: only ever isolated.
_RAISON = raison_indisponible()
if _RAISON is not None:
    _MESSAGE = (f"copie destructrice jamais exécutée sans isolement : {_RAISON} "
                "(installe le paquet bubblewrap : apt-get install -y bubblewrap)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true : {_MESSAGE}", pytrace=False)
    pytest.skip(_MESSAGE, allow_module_level=True)


MODULE = "00_bienvenue"
NOTEBOOK = "exercice.ipynb"
QUESTIONS = ("q1_ca_estime", "q2_heures_equipe", "q3_charge_lea")
ENTETE = "Copies à vérifier :"
MARQUEUR = "OBM_TEST_ROBUSTESSE"  # in the environment of every process a test run starts


# --- A throw-away course and its submissions ----------------------------------------------------

def nouveau_cours(dossier: Path) -> Path:
    """Un cours jetable : la configuration du dépôt, ses sources, sans carnet ni version distribuée
    (`obm corriger` inscrit le module au carnet lui-même)."""
    dossier.mkdir(parents=True)
    racine = oc.cours_temporaire(dossier)
    for nom in ("course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    return racine


def distribuee() -> nbformat.NotebookNode:
    return nbformat.read(oc.EXERCICES / MODULE / NOTEBOOK, as_version=4)


def solution() -> nbformat.NotebookNode:
    return nbformat.read(oc.SOLUTIONS / MODULE / NOTEBOOK, as_version=4)


def remplie(**remplacements: str) -> nbformat.NotebookNode:
    """La version distribuée, chaque réponse remplie par celle de la solution (ou remplacée)."""
    return oc.remplir(distribuee(), solution(), **remplacements)


def source_distribuee(grade_id: str) -> str:
    """Le texte d'une cellule de la version distribuée (le modèle « # VOTRE CODE ICI »)."""
    return next(c.source for c in distribuee().cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def dossier_copie(racine: Path, apprenante: str) -> Path:
    dossier = racine / "submitted" / apprenante / MODULE
    dossier.mkdir(parents=True)
    return dossier


def empreintes(dossier: Path) -> dict[str, str]:
    """Chemin relatif -> sha256 de chaque fichier (et lien) sous ``dossier``."""
    return {str(p.relative_to(dossier)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(dossier.rglob("*")) if p.is_file()}


def environnement(dossier: Path) -> dict:
    env = oc.environnement(dossier / "obm_home")
    env[MARQUEUR] = uuid.uuid4().hex
    return env


def commande(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "obm.correction.cli", *arguments]


def corriger(racine: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(commande("corriger", MODULE, "--jobs", "2"), cwd=racine, env=env,
                          capture_output=True, text=True, timeout=600)


def url(chemin: Path) -> str:
    return f"sqlite:///{chemin}"


def notes(chemin: Path) -> dict[tuple[str, str], tuple[float | None, bool]]:
    """(apprenante, cellule de note) -> (note automatique, à noter à la main), lus par nbgrader."""
    from nbgrader.api import Gradebook

    with Gradebook(url(chemin)) as carnet:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for a in carnet.assignments for s in a.submissions
                for nb in s.notebooks for g in nb.grades}


def totaux(lues: dict) -> dict[str, float | None]:
    """Le total de chaque apprenante, None si une de ses cellules n'a pas de note."""
    par_apprenante: dict[str, list] = {}
    for (apprenante, _), (note, _) in lues.items():
        par_apprenante.setdefault(apprenante, []).append(note)
    return {a: (None if None in n else sum(n)) for a, n in par_apprenante.items()}


def integrite(chemin: Path) -> str:
    connexion = sqlite3.connect(f"file:{chemin}?mode=ro", uri=True)
    try:
        return connexion.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connexion.close()


def sauvegardes(racine: Path) -> list[Path]:
    """Les sauvegardes d'avant correction que `carnet.sauvegarder` écrit dans gradebook/."""
    return sorted((racine / "gradebook").glob(f"gradebook.avant-corriger-{MODULE}-*.db"))


def processus_marques(marque: str, dossier: Path | None = None) -> dict[int, tuple[int, str]]:
    """Les processus vivants (pas les zombies) qui portent la marque dans leur environnement :
    pid -> (pid du parent, ligne de commande). La chaîne de lancement du moteur en hérite ;
    l'interpréteur chaud et les copies, qui partent d'un environnement minimal, se reconnaissent
    à leur dossier de travail, sous ``dossier`` (le TMPDIR de la correction)."""
    trouves = {}
    for entree in Path("/proc").iterdir():
        if not entree.name.isdigit() or int(entree.name) == os.getpid():
            continue
        try:
            environnement = (entree / "environ").read_bytes()
            if f"{MARQUEUR}={marque}".encode() not in environnement and (
                    dossier is None or str(dossier).encode() not in environnement):
                continue
            ligne = (entree / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            # /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces.
            parent = int((entree / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        trouves[int(entree.name)] = (parent, ligne)
    return trouves


def tuer_les_marques(marque: str) -> None:
    """SIGKILL, pid par pid, aux processus qui portent la marque (lancés par ce test seul)."""
    for pid in processus_marques(marque):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def relais_prlimit(dossier: Path) -> Path:
    """Un dossier à mettre en tête de PATH : un `prlimit` qui lance le vrai, sauf une fois, après
    que le test a créé ``dossier/armer`` : au deuxième lancement, il s'arrête lui-même (SIGSTOP)
    et écrit son pid dans ``dossier/pris/pid``. C'est le premier pas du lancement d'un
    interpréteur chaud du moteur (prlimit, puis bwrap) : le test tient ainsi l'un des deux
    processus de correction « en train de démarrer », pendant que l'autre corrige."""
    vrai = shutil.which("prlimit")
    assert vrai, "prlimit (util-linux) introuvable"
    relais = dossier / "relais"
    relais.mkdir()
    armer, pris = shlex.quote(str(dossier / "armer")), shlex.quote(str(dossier / "pris"))
    premier = shlex.quote(str(dossier / "premier"))
    script = relais / "prlimit"
    script.write_text(
        "#!/bin/sh\n"
        f"if [ -e {armer} ] && ! mkdir {premier} 2>/dev/null && mkdir {pris} 2>/dev/null; then\n"
        f"    echo $$ > {pris}/pid.tmp && mv {pris}/pid.tmp {pris}/pid\n"
        "    kill -STOP $$\n"
        "fi\n"
        f'exec {shlex.quote(vrai)} "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return relais


def etat_processus(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def bloc_a_verifier(sortie: str) -> dict[str, str]:
    """Le bloc « Copies à vérifier : » du bilan : apprenante -> raison."""
    lignes = sortie.rstrip().split("\n")
    debut = [i for i, l in enumerate(lignes) if l.startswith(ENTETE)]
    assert debut, f"pas de bloc « {ENTETE} » dans le bilan :\n{sortie}"
    if lignes[debut[-1]] == f"{ENTETE} aucune":
        return {}
    raisons = {}
    for ligne in lignes[debut[-1] + 1:]:
        trouve = re.fullmatch(r"- (\S+) : (.+)", ligne)
        assert trouve, f"ligne inattendue dans le bloc : {ligne!r}"
        raisons[trouve.group(1)] = trouve.group(2)
    return raisons


def lignes_du_bilan(sortie: str) -> dict[str, str]:
    """Les lignes « apprenante  détail » du bilan."""
    return {m.group(1): m.group(2) for m in re.finditer(r"^  (\S+) +(.+)$", sortie, re.M)}


# --- A. Nothing lost ---------------------------------------------------------------------------

# Learner -> expected total (out of 6).
COHORTE_A = {"solution-brute": 6, "remplie": 6, "vierge": 0, "faux-q1": 4, "moitie": 2,
             "vandale": 6}

# The answer to Q1, then an attempt to overwrite and delete the submitted notebook: in the
# kernel's folder, in "..", by its absolute path, and every other submission of the course.
VANDALE = '''
import glob, os
_bilan = []
for _cible in ["exercice.ipynb", "../exercice.ipynb", {soumis!r}] + sorted(glob.glob({autres!r})):
    try:
        with open(_cible, "w") as _f:
            _f.write("x")
        _bilan.append("écrit")
    except Exception:
        _bilan.append("refusé")
    try:
        os.remove(_cible)
        _bilan.append("effacé")
    except Exception:
        _bilan.append("pas effacé")
print("VANDALE A ESSAYÉ", len(_bilan), _bilan)
'''


def deposer_cohorte_a(racine: Path) -> None:
    reponse_q1 = oc.sans_marqueurs(next(c.source for c in solution().cells if c.metadata.get(
        "nbgrader", {}).get("grade_id") == "reponse_q1"))
    faux = next(m for m in oc.charger_mutants(MODULE) if m.nom == "oublie_le_prix")
    soumis = racine / "submitted"
    vandale = reponse_q1 + "\n" + VANDALE.format(soumis=str(soumis / "vandale" / MODULE / NOTEBOOK),
                                                 autres=f"{soumis}/*/{MODULE}/*")
    cohorte = {
        "solution-brute": solution(),  # the solutions/ notebook itself, hidden tests included
        "remplie": remplie(),
        "vierge": distribuee(),
        "faux-q1": remplie(**{k: v.strip("\n") for k, v in faux.cellules.items()}),
        "moitie": remplie(reponse_q2=source_distribuee("reponse_q2"),
                          reponse_q3=source_distribuee("reponse_q3")),
        "vandale": remplie(reponse_q1=vandale),
    }
    assert set(cohorte) == set(COHORTE_A)
    for apprenante, notebook in cohorte.items():
        nbformat.write(notebook, dossier_copie(racine, apprenante) / NOTEBOOK)


class Lancement:
    """`obm corriger` lancé en arrière-plan, dans son propre groupe de processus ; sorties dans
    des fichiers (la barre de progression se lit pendant la correction)."""

    def __init__(self, racine: Path, env: dict, dossier: Path, nom: str):
        self.sortie, self.erreurs = dossier / f"{nom}-stdout.txt", dossier / f"{nom}-stderr.txt"
        with open(self.sortie, "w") as sortie, open(self.erreurs, "w") as erreurs:
            self.processus = subprocess.Popen(commande("corriger", MODULE, "--jobs", "2"),
                                              cwd=racine, env=env, stdout=sortie, stderr=erreurs,
                                              start_new_session=True)

    def arreter(self) -> None:
        """SIGKILL au groupe de processus de cette correction s'il tourne encore."""
        if self.processus.poll() is None:
            os.killpg(self.processus.pid, signal.SIGKILL)
            self.processus.wait(timeout=60)

    def progression(self) -> str:
        return self.erreurs.read_text(encoding="utf-8")

    def attendre(self) -> subprocess.CompletedProcess:
        self.processus.wait(timeout=600)
        return self.resultat()

    def resultat(self) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess(self.processus.args, self.processus.returncode,
                                           self.sortie.read_text(encoding="utf-8"),
                                           self.progression())


def attendre_que(condition, lancement: Lancement, quoi: str, delai: float = 300) -> None:
    fin = time.monotonic() + delai
    while not condition():
        assert lancement.processus.poll() is None, (
            f"la correction a fini avant {quoi} :\n{lancement.progression()}")
        assert time.monotonic() < fin, f"pas de {quoi} en {delai} s :\n{lancement.progression()}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def reprise(tmp_path_factory):
    """Cours « interrompu » : correction tuée net après la première copie fusionnée, puis
    relancée deux fois ; cours « témoin », identique : une seule correction, jamais interrompue."""
    dossier = tmp_path_factory.mktemp("reprise")
    interrompu, temoin = nouveau_cours(dossier / "interrompu"), nouveau_cours(dossier / "temoin")
    for racine in (interrompu, temoin):
        deposer_cohorte_a(racine)
    carnet = interrompu / "gradebook" / "gradebook.db"
    env = environnement(dossier)
    marque = env[MARQUEUR]
    etat = {"interrompu": interrompu, "submitted_avant": empreintes(interrompu / "submitted"),
            "temoin_submitted_avant": empreintes(temoin / "submitted")}
    # The reference run goes on meanwhile (its own marker: not counted as an orphan below).
    env_temoin = environnement(dossier)
    temoin_lancement = Lancement(temoin, env_temoin, dossier, "temoin")
    tuee = None
    try:
        # 1. The killed run: SIGKILL to the whole process group once a copy has been merged into
        # the gradebook (the progress bar moved), while the other worker's warm interpreter is
        # starting. To land in that moment every time, its launcher is held (it stops itself,
        # see relais_prlimit) until the grader is dead, then let go: tied to the grader, it must
        # die with it.
        pause = dossier / "pause"
        pause.mkdir()
        # Its own TMPDIR: what a killed grader cannot clean (its scratch copies) stays in here.
        (dossier / "tmp").mkdir()
        env_tuee = dict(env, PATH=f"{relais_prlimit(pause)}{os.pathsep}{env['PATH']}",
                        TMPDIR=str(dossier / "tmp"))
        (pause / "armer").touch()
        tuee = Lancement(interrompu, env_tuee, dossier, "tuee")
        motif = re.compile(rf" [1-9]\d*/{len(COHORTE_A)} ·")
        fichier_pid = pause / "pris" / "pid"
        attendre_que(lambda: motif.search(tuee.progression()) and fichier_pid.exists(), tuee,
                     "la première copie fusionnée")
        fin = time.monotonic() + 20
        gele = int(fichier_pid.read_text()) if fichier_pid.exists() else None
        while gele and etat_processus(gele) not in ("T", "t") and time.monotonic() < fin:
            time.sleep(0.01)
        etat["lancement_gele"] = processus_marques(marque).get(gele) if gele else None
        tuee.arreter()
        etat["tuee"] = tuee.resultat()
        if gele is not None:
            try:
                os.kill(gele, signal.SIGCONT)
            except ProcessLookupError:  # killed with the grader: as it should be
                pass
        # Whatever the grader started (workers, warm interpreters, copies) must go with it.
        fin = time.monotonic() + 5
        while processus_marques(marque, dossier / "tmp") and time.monotonic() < fin:
            time.sleep(0.2)
        etat["orphelins"] = processus_marques(marque, dossier / "tmp")
        tuer_les_marques(marque)
        etat["integrite_apres_arret"] = integrite(carnet)
        etat["notes_apres_arret"] = notes(carnet)
        etat["sauvegardes"] = [sauvegardes(interrompu)]
        etat["submitted"] = [empreintes(interrompu / "submitted")]

        # 2. The rerun, to completion; 3. a third run.
        etat["reprises"], etat["notes"] = [], []
        for _ in range(2):
            etat["reprises"].append(corriger(interrompu, env))
            etat["sauvegardes"].append(sauvegardes(interrompu))
            etat["submitted"].append(empreintes(interrompu / "submitted"))
            etat["notes"].append(notes(carnet))
        etat["integrite_finale"] = integrite(carnet)

        etat["temoin"] = temoin_lancement.attendre()
        etat["notes_temoin"] = notes(temoin / "gradebook" / "gradebook.db")
        etat["temoin_submitted_apres"] = empreintes(temoin / "submitted")
    finally:  # a failed set-up leaves nothing running
        for lancement in (temoin_lancement, tuee):
            if lancement is not None:
                lancement.arreter()
        for une_marque in (marque, env_temoin[MARQUEUR]):
            tuer_les_marques(une_marque)
    return etat


def test_arret_brutal_laisse_un_carnet_sain(reprise):
    """Killed (SIGKILL to its process group) mid-batch: is the gradebook sound and readable?"""
    assert reprise["tuee"].returncode == -signal.SIGKILL
    assert reprise["integrite_apres_arret"] == "ok"
    # Really interrupted mid-batch: some learners graded, not all.
    graduees = {a for a, t in totaux(reprise["notes_apres_arret"]).items() if t is not None}
    assert 1 <= len(graduees) < len(COHORTE_A), reprise["notes_apres_arret"]
    # And readable by nbgrader's own Gradebook, with the module registered.
    from nbgrader.api import Gradebook

    with Gradebook(url(reprise["interrompu"] / "gradebook" / "gradebook.db")) as carnet:
        assert [nb.name for nb in carnet.find_assignment(MODULE).notebooks] == ["exercice"]
        assert graduees <= {e.id for e in carnet.students}


def test_arret_brutal_sans_processus_orphelin(reprise):
    """Killed while a warm interpreter is starting: do its workers, interpreters and copies die
    with it?"""
    # Not vacuous: killed while an interpreter was starting (its launcher, held, carried the marker).
    assert reprise["lancement_gele"] is not None, "aucun lancement d'interpréteur retenu (prlimit ?)"
    assert "obm.correction.moteur.serveur" in reprise["lancement_gele"][1]
    orphelins = {pid: ligne[:200] for pid, (_, ligne) in reprise["orphelins"].items()}
    assert orphelins == {}, f"processus encore vivants 5 s après l'arrêt : {orphelins}"


def test_reprise_memes_notes_que_sans_interruption(reprise):
    """Does the rerun grade every learner, with exactly the grades of an uninterrupted run?"""
    sortie = reprise["reprises"][0]
    assert sortie.returncode == 0, sortie.stderr
    assert "Traceback" not in sortie.stdout + sortie.stderr
    obtenues, temoin = reprise["notes"][0], reprise["notes_temoin"]
    assert reprise["temoin"].returncode == 0, reprise["temoin"].stderr
    assert lignes_du_bilan(reprise["temoin"].stdout) == lignes_du_bilan(sortie.stdout)
    assert set(obtenues) == {(a, q) for a in COHORTE_A for q in QUESTIONS}
    assert totaux(obtenues) == COHORTE_A  # every learner has a score, the expected one
    assert obtenues == temoin
    assert reprise["integrite_finale"] == "ok"


def test_troisieme_correction_memes_notes(reprise):
    """Does grading the same copies a third time give the same grades again?"""
    sortie = reprise["reprises"][1]
    assert sortie.returncode == 0, sortie.stderr
    assert reprise["notes"][1] == reprise["notes"][0] == reprise["notes_temoin"]
    bilan = lignes_du_bilan(sortie.stdout)
    assert bilan["faux-q1"] == "4 / 6 points" and bilan["vandale"] == "6 / 6 points"


def test_sauvegarde_avant_chaque_correction(reprise):
    """Is a new, valid SQLite backup of the gradebook written before each run, killed one too?"""
    apres_arret, apres_reprise, apres_troisieme = reprise["sauvegardes"]
    assert len(apres_arret) == 1
    assert apres_reprise[:1] == apres_arret and len(apres_reprise) == 2
    assert apres_troisieme[:2] == apres_reprise and len(apres_troisieme) == 3
    for chemin in apres_troisieme:
        assert chemin.read_bytes().startswith(b"SQLite format 3\x00")
        assert integrite(chemin) == "ok", chemin
    # The backup taken before the rerun holds what the killed run had merged...
    assert notes(apres_reprise[1]) == reprise["notes_apres_arret"]
    # ... and the one taken before the third run, the rerun's grades.
    assert notes(apres_troisieme[2]) == reprise["notes"][0]
    # The bilan names the backup it took.
    assert apres_troisieme[2].name in reprise["reprises"][1].stdout


def test_submitted_jamais_modifie(reprise):
    """Is submitted/ byte for byte the same after the killed run, the rerun and the third run?"""
    avant = reprise["submitted_avant"]
    assert len(avant) == len(COHORTE_A)
    for apres in reprise["submitted"]:
        assert apres == avant
    assert reprise["temoin_submitted_apres"] == reprise["temoin_submitted_avant"]


def test_copie_qui_efface_des_fichiers_notee_et_intacte(reprise):
    """A copy that tries to overwrite and delete notebooks: submitted/ intact, the copy graded?"""
    racine = reprise["interrompu"]
    soumise = racine / "submitted" / "vandale" / MODULE / NOTEBOOK
    assert "VANDALE A ESSAYÉ" in soumise.read_text(encoding="utf-8")
    assert reprise["notes"][-1][("vandale", "q1_ca_estime")] == (2.0, False)
    # Not vacuous: its code did run during grading (its output is in the graded notebook).
    corrige = (racine / "autograded" / "vandale" / MODULE / NOTEBOOK).read_text(encoding="utf-8")
    sorties = [c.get("outputs") for c in json.loads(corrige)["cells"]]
    assert "VANDALE A ESSAYÉ" in json.dumps(sorties, ensure_ascii=False)
    # The other learners' copies and graded notebooks are still notebooks.
    for apprenante in COHORTE_A:
        nbformat.read(racine / "submitted" / apprenante / MODULE / NOTEBOOK, as_version=4)
        nbformat.read(racine / "autograded" / apprenante / MODULE / NOTEBOOK, as_version=4)


# --- B. Broken files --------------------------------------------------------------------------

HONNETES = ("honnete", "honnete-bis", "fichiers-en-plus")


@pytest.fixture(scope="module")
def abimees(tmp_path_factory):
    """Une cohorte où chaque copie a un problème, et des copies honnêtes : une seule correction."""
    dossier = tmp_path_factory.mktemp("abimees")
    racine = nouveau_cours(dossier / "cours")
    bonne = remplie()
    texte = nbformat.writes(bonne)
    assert "é" in texte

    tronque = texte[: len(texte) // 2]
    (dossier_copie(racine, "json-tronque") / NOTEBOOK).write_text(tronque, encoding="utf-8")
    (dossier_copie(racine, "fichier-vide") / NOTEBOOK).write_bytes(b"")
    # Saved by an editor in Latin-1: "é" is the single byte 0xE9, not UTF-8.
    latin1 = texte.encode("latin-1", errors="replace")
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    (dossier_copie(racine, "latin1") / NOTEBOOK).write_bytes(latin1)
    # The same answers, saved by an old Jupyter (nbformat 3: worksheets, no cell ids).
    ancienne = nbformat.convert(copy.deepcopy(bonne), 3)
    nbformat.write(ancienne, str(dossier_copie(racine, "nbformat3") / NOTEBOOK), version=3)
    nbformat.write(bonne, dossier_copie(racine, "renomme") / "exercice (1).ipynb")
    (dossier_copie(racine, "sans-notebook") / "notes.txt").write_text("J'ai oublié le notebook.\n",
                                                                      encoding="utf-8")
    en_plus = dossier_copie(racine, "fichiers-en-plus")
    nbformat.write(bonne, en_plus / NOTEBOOK)
    (en_plus / "notes.txt").write_text("Mes notes : réponse vérifiée.\n", encoding="utf-8")
    (en_plus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    for apprenante in ("honnete", "honnete-bis"):
        nbformat.write(bonne, dossier_copie(racine, apprenante) / NOTEBOOK)

    avant = empreintes(racine / "submitted")
    sortie = corriger(racine, environnement(dossier))
    return {"racine": racine, "sortie": sortie, "avant": avant,
            "apres": empreintes(racine / "submitted"),
            "notes": notes(racine / "gradebook" / "gradebook.db")}


def raison(abimees, apprenante: str) -> str:
    raisons = bloc_a_verifier(abimees["sortie"].stdout)
    assert apprenante in raisons, (
        f"{apprenante} absente de « {ENTETE} » :\n{abimees['sortie'].stdout}")
    return raisons[apprenante]


def test_fichiers_abimes_sans_plantage_ni_anglais(abimees):
    """Does one run over every broken copy end normally, with a French summary and no traceback?"""
    sortie = abimees["sortie"]
    assert sortie.returncode == 0, sortie.stderr
    assert "Traceback" not in sortie.stdout + sortie.stderr
    assert "Correction de 00_bienvenue : " in sortie.stdout
    bilan = lignes_du_bilan(sortie.stdout)
    assert set(bilan) >= {"json-tronque", "fichier-vide", "latin1", "nbformat3", "renomme",
                          "sans-notebook", *HONNETES}
    # Every reason is French: no English exception name or message of nbgrader's.
    for apprenante, texte in bloc_a_verifier(sortie.stdout).items():
        anglais = r"[A-Za-z]*(Error|Exception)\b|No notebooks|not found|Skipping"
        assert not re.search(anglais, texte), (apprenante, texte)


def test_copies_honnetes_notees_normalement(abimees):
    """Do the honest copies of the same run get full marks, out of « Copies à vérifier » ?"""
    bilan = lignes_du_bilan(abimees["sortie"].stdout)
    raisons = bloc_a_verifier(abimees["sortie"].stdout)
    totaux_lus = totaux(abimees["notes"])
    for apprenante in HONNETES:
        assert bilan[apprenante] == "6 / 6 points"
        assert totaux_lus[apprenante] == 6
        assert apprenante not in raisons, raisons[apprenante]


def test_fichiers_rendus_intacts(abimees):
    """Is every submitted file, broken ones included, still there byte for byte?"""
    assert abimees["apres"] == abimees["avant"]
    attendus = {f"{a}/{MODULE}/{n}" for a, n in [
        ("json-tronque", NOTEBOOK), ("fichier-vide", NOTEBOOK), ("latin1", NOTEBOOK),
        ("nbformat3", NOTEBOOK), ("renomme", "exercice (1).ipynb"), ("sans-notebook", "notes.txt"),
        ("fichiers-en-plus", "notes.txt"), ("fichiers-en-plus", "image.png")]}
    assert attendus <= set(abimees["apres"])
    vide = abimees["racine"] / "submitted" / "fichier-vide" / MODULE / NOTEBOOK
    assert vide.stat().st_size == 0


@pytest.mark.parametrize("apprenante", ["json-tronque", "fichier-vide", "latin1"])
def test_notebook_illisible(abimees, apprenante):
    """Truncated JSON, an empty file, Latin-1 bytes: "fichier illisible", named, and not graded."""
    texte = raison(abimees, apprenante)
    assert "fichier illisible" in texte and NOTEBOOK in texte
    assert "renvoyer" in texte
    assert lignes_du_bilan(abimees["sortie"].stdout)[apprenante] == "non notée (voir ci-dessous)"


def test_notebook_au_format_3(abimees):
    """A notebook saved in nbformat 3: graded after conversion (full marks), and flagged as such."""
    assert totaux(abimees["notes"])["nbformat3"] == 6
    texte = raison(abimees, "nbformat3")
    assert "format 3" in texte


def test_notebook_renomme(abimees):
    """`exercice (1).ipynb` instead of `exercice.ipynb`: not graded, told to keep the name."""
    texte = raison(abimees, "renomme")
    assert "aucun notebook du module" in texte and "nom du notebook distribué" in texte
    assert lignes_du_bilan(abimees["sortie"].stdout)["renomme"] == "non notée (voir ci-dessous)"


def test_copie_sans_notebook(abimees):
    """A folder with no notebook at all: not graded, and the reason says so in French."""
    texte = raison(abimees, "sans-notebook")
    assert "aucun notebook" in texte, texte
    assert "non notée" in texte, texte
    bilan = lignes_du_bilan(abimees["sortie"].stdout)
    assert bilan["sans-notebook"] == "non notée (voir ci-dessous)"
