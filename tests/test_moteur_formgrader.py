"""The formgrader's autograde button: nbgrader's own API runs `Autograde` inside the Jupyter
server's process. The engine must work there, from a thread, without ever forking that process
(its warm interpreter is a separate process, started by subprocess)."""

import os
import threading

import nbformat

import outils_correction as oc

MODULE = "00_bienvenue"


def test_bouton_autograde_du_formgrader_sans_fork_de_l_appelant(tmp_path):
    """Does NbGraderAPI.autograde (what the formgrader button calls) grade a copy through the
    engine, from a thread of the calling process, with no os.fork of that process?"""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from obm.correction.commun import charger_cours, dans_le_dossier

    racine = tmp_path / "cours"
    racine.mkdir()
    (racine / "nbgrader_config.py").write_text((oc.RACINE / "nbgrader_config.py").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    env = oc.environnement(tmp_path)
    assert oc.nbgrader(["generate_assignment", MODULE, "--force"], racine, env).returncode == 0
    distribuee = nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", as_version=4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", as_version=4)
    cible = racine / "submitted" / "lea" / MODULE
    cible.mkdir(parents=True)
    nbformat.write(oc.remplir(distribuee, corrigee), cible / "exercice.ipynb")

    cours = charger_cours(racine)
    config = cours.config_modifiable()
    if env.get("OBM_BAC_A_SABLE") == "non":  # no sandbox here: the solution is trusted code
        config.ExecutionSurveillee.bac_a_sable = "non"
    forks = []
    actif = [True]
    os.register_at_fork(before=lambda: forks.append(os.getpid()) if actif[0] else None)
    pid = os.fork()  # the hook sees a fork (not vacuous)
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    assert forks == [os.getpid()]
    forks.clear()
    resultat = {}

    def bouton():
        with dans_le_dossier(racine):
            api = NbGraderAPI(coursedir=CourseDirectory(config=config, root=str(racine)), config=config)
            resultat.update(api.autograde(MODULE, "lea", force=True, create=True))

    fil = threading.Thread(target=bouton)
    fil.start()
    fil.join(timeout=600)
    actif[0] = False
    assert resultat.get("success"), resultat.get("log", "")[-3000:] + str(resultat.get("error", ""))
    assert forks == [], "le processus appelant (le serveur Jupyter) a été forké"
    from nbgrader.api import Gradebook

    with Gradebook(cours.db_url) as carnet:
        assert carnet.find_submission(MODULE, "lea").score == 6
