"""``obm publier MODULE`` : distribuer l'exercice d'un module aux apprenantes.

nbgrader fait le travail (``generate_assignment`` écrit la version distribuée et inscrit le
module dans le carnet de notes ; ``release_assignment`` la dépose dans l'échange) ; obm y
ajoute une archive zip à remettre par un autre canal (LMS, messagerie, clé USB).
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from obm.correction.commun import Cours, JournalNbgrader, module_existe
from obm.erreurs import DonneesInvalides

LISEZMOI = """Exercice {module} de l'Académie OBM
==================================================

1. Décompresse cette archive à la racine de ton dossier du cours : le notebook arrive dans
   {dossier}/{module}/.
2. Ouvre-le dans JupyterLab, réponds aux questions et lance chaque vérification.
3. Enregistre, puis rends le notebook comme ta formatrice te l'a indiqué, sans le renommer.
"""


@dataclass
class Publication:
    module: str
    dossier_distribue: Path
    archive: Path
    echange: Path | None


def _generer(cours: Cours, module: str, dossier_distribution: str) -> None:
    """Lance ``generate_assignment`` de nbgrader vers ``dossier_distribution`` (inscrit aussi le module au carnet)."""
    from nbgrader.converters import GenerateAssignment, NbGraderException

    config = cours.config_modifiable()
    config.BaseConverter.force = True
    coursedir = cours.coursedir(config, release_directory=dossier_distribution, assignment_id=module)
    journal = JournalNbgrader("generate_assignment")
    convertisseur = GenerateAssignment(coursedir=coursedir, config=config)
    convertisseur.log = journal.logger
    try:
        convertisseur.start()
    except NbGraderException:
        details = " ; ".join(journal.messages()) or "pas de détail"
        raise DonneesInvalides(
            f"nbgrader n'a pas pu générer l'exercice {module} (il dit : {details}). "
            f"Vérifie les cellules de {cours.dossier('source') / module} (marqueurs BEGIN/END, "
            "identifiants des cellules), puis relance."
        ) from None
    finally:
        journal.fermer()


def inscrire_module(cours: Cours, module: str) -> bool:
    """Inscrit le module dans le carnet s'il n'y est pas encore ; renvoie True s'il a fallu l'inscrire.

    La version distribuée produite au passage va dans un dossier temporaire : le dossier
    ``exercises/`` du dépôt n'est pas touché.
    """
    with cours.carnet() as carnet:
        if module in {a.name for a in carnet.assignments}:
            return False
    if not cours.notebooks_source(module):
        module_existe(cours, module)
    with tempfile.TemporaryDirectory(prefix="obm-inscription-") as temporaire:
        _generer(cours, module, temporaire)
    return True


def _archiver(dossier: Path, module: str, nom_distribution: str, archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for chemin in sorted(p for p in dossier.rglob("*") if p.is_file()):
            zf.write(chemin, f"{nom_distribution}/{module}/{chemin.relative_to(dossier).as_posix()}")
        zf.writestr("LISEZMOI.txt", LISEZMOI.format(module=module, dossier=nom_distribution))


def _deposer_dans_echange(cours: Cours, module: str, racine_echange: str | None) -> Path:
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeError, ExchangeFactory

    config = cours.config_modifiable()
    if racine_echange:
        config.Exchange.root = str(racine_echange)
    config.ExchangeReleaseAssignment.force = True
    coursedir = cours.coursedir(config, assignment_id=module)
    journal = JournalNbgrader("release_assignment")
    usine = ExchangeFactory(config=config)
    depot = usine.ReleaseAssignment(coursedir=coursedir,
                                    authenticator=Authenticator(config=config), config=config)
    depot.log = journal.logger
    try:
        depot.start()
    except (ExchangeError, SystemExit):
        details = " ; ".join(journal.messages()) or "pas de détail"
        raise DonneesInvalides(
            f"Le dépôt de {module} dans l'échange de nbgrader a échoué (nbgrader dit : {details}). "
            "Vérifie que le dossier d'échange existe et que tu peux y écrire "
            "(réglage Exchange.root de nbgrader_config.py)."
        ) from None
    finally:
        journal.fermer()
    return Path(depot.dest_path)


def publier(cours: Cours, module: str, *, archive: Path | None = None, echange: bool = False,
            racine_echange: str | None = None) -> Publication:
    """Génère la version distribuée du module (et l'inscrit au carnet), écrit l'archive zip à
    remettre et, si ``echange``, dépose l'exercice dans l'échange de nbgrader."""
    if not cours.notebooks_source(module):
        module_existe(cours, module)
        raise DonneesInvalides(
            f"Le module {module} est dans le carnet mais sa source n'est plus dans "
            f"{cours.dossier('source')} : impossible de le publier à nouveau."
        )
    nom_distribution = cours.coursedir().release_directory
    _generer(cours, module, nom_distribution)
    dossier = cours.dossier("release") / module
    chemin_archive = Path(archive) if archive else cours.racine / "distribution" / f"{module}.zip"
    _archiver(dossier, module, nom_distribution, chemin_archive)
    depot = _deposer_dans_echange(cours, module, racine_echange) if echange else None
    return Publication(module, dossier, chemin_archive, depot)
