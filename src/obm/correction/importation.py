"""``obm importer SOURCE --module MODULE`` : ranger les copies rendues dans ``submitted/`` de nbgrader.

Trois sources, reconnues d'elles-mêmes :

- un **dossier de notebooks** : un notebook par apprenante (``Marie Dupont.ipynb``), ou un
  sous-dossier par apprenante (``marie-dupont/exercice.ipynb``) ;
- une **archive d'un LMS** (Moodle, « Télécharger tous les travaux remis ») : un dossier
  ``Nom complet_123456_assignsubmission_file/`` par copie, ou des fichiers
  ``Nom complet_123456_assignsubmission_file_exercice.ipynb`` (anciennes versions) ;
- l'**échange de nbgrader** : les dossiers ``inbound/<utilisateur>+<module>+<horodatage>+<n>``.

Chaque nom devient un identifiant par une seule règle (:func:`obm.correction.commun.identifiant` :
sans accents, en minuscules, un tiret entre les mots), puis est cherché dans la liste de la
cohorte. Une copie ne remplace jamais une copie plus récente ; ce qui n'a pas pu être rangé
est listé.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import io
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from obm.correction.commun import Cours, identifiant, module_existe
from obm.erreurs import ColonneManquante, DonneesInvalides

# Moodle: "<full name>_<participant id>_assignsubmission_<plugin>[_][<file name>]".
MOTIF_MOODLE = re.compile(r"^(?P<nom>.+?)_(?P<numero>\d+)_assignsubmission_(?P<type>[a-z]+)_?(?P<reste>.*)$")
FORMAT_HORODATAGE = "%Y-%m-%d %H:%M:%S.%f UTC"

_COLONNES = {
    "identifiant": ("identifiant", "id", "login", "username"),
    "prenom": ("prenom", "first-name", "firstname"),
    "nom": ("nom", "last-name", "lastname", "nom-de-famille"),
    "email": ("email", "e-mail", "courriel", "adresse-e-mail", "adresse-electronique"),
}


# --- The cohort's roster -----------------------------------------------------------------------

@dataclass(frozen=True)
class Apprenante:
    identifiant: str
    prenom: str = ""
    nom: str = ""
    email: str = ""


@dataclass
class Liste:
    """La liste de la cohorte, avec l'index qui retrouve une apprenante par son nom."""

    apprenantes: list[Apprenante]
    index: dict[str, Apprenante | None] = field(default_factory=dict)  # None: two learners share it

    def trouver(self, nom: str) -> tuple[Apprenante | None, str | None]:
        """L'apprenante désignée par ``nom`` (identifiant, « prénom nom », « nom prénom » ou
        e-mail), ou ``None`` et la raison."""
        cle = identifiant(nom)
        if cle not in self.index:
            return None, (f"« {cle} » n'est dans la liste ni comme identifiant, ni comme nom, "
                          "ni comme e-mail")
        if self.index[cle] is None:
            return None, f"« {cle} » désigne plusieurs apprenantes de la liste (homonymes)"
        return self.index[cle], None


def lire_liste(chemin: str | Path) -> Liste:
    """Lit la liste de la cohorte : un CSV en UTF-8 (avec ou sans BOM), séparé par ``;`` ou ``,``,
    avec les colonnes ``prenom`` et ``nom`` (obligatoires), ``email`` et ``identifiant`` (facultatives).

    Sans identifiant, celui de l'apprenante est tiré de « prénom nom ».
    """
    chemin = Path(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DonneesInvalides(f"La liste de la cohorte {chemin} n'existe pas : vérifie le chemin.") from None
    except UnicodeDecodeError:
        raise DonneesInvalides(
            f"La liste {chemin} n'est pas en UTF-8. Dans ton tableur, enregistre-la en "
            "« CSV UTF-8 »."
        ) from None
    premiere = texte.splitlines()[0] if texte.strip() else ""
    separateur = ";" if premiere.count(";") >= premiere.count(",") else ","
    lecteur = csv.DictReader(io.StringIO(texte), delimiter=separateur)
    entetes = {identifiant(nom or ""): nom for nom in (lecteur.fieldnames or [])}
    colonnes = {}
    for colonne, synonymes in _COLONNES.items():
        colonnes[colonne] = next((entetes[s] for s in synonymes if s in entetes), None)
    manquantes = [c for c in ("prenom", "nom") if colonnes[c] is None]
    if manquantes and colonnes["identifiant"] is None:
        raise ColonneManquante(
            f"La liste {chemin.name} n'a pas de colonne {' ni '.join(manquantes)}. Sa première "
            "ligne doit nommer les colonnes, par exemple : identifiant;prenom;nom;email"
        )
    apprenantes: list[Apprenante] = []
    vus: dict[str, int] = {}
    for numero, ligne in enumerate(lecteur, start=2):
        def valeur(colonne):
            nom_colonne = colonnes[colonne]
            return (ligne.get(nom_colonne) or "").strip() if nom_colonne else ""

        prenom, nom, email = valeur("prenom"), valeur("nom"), valeur("email")
        ident = identifiant(valeur("identifiant") or f"{prenom} {nom}")
        if not ident:
            if any((v or "").strip() for v in ligne.values()):
                raise DonneesInvalides(
                    f"Ligne {numero} de {chemin.name} : ni identifiant, ni prénom, ni nom. "
                    "Complète-la ou supprime-la."
                )
            continue
        if ident in vus:
            raise DonneesInvalides(
                f"Lignes {vus[ident]} et {numero} de {chemin.name} : même identifiant « {ident} ». "
                "Donne-leur des identifiants différents (colonne identifiant)."
            )
        vus[ident] = numero
        apprenantes.append(Apprenante(ident, prenom, nom, email))
    index: dict[str, Apprenante | None] = {}
    for apprenante in apprenantes:
        cles = {apprenante.identifiant}
        if apprenante.prenom or apprenante.nom:
            cles |= {identifiant(f"{apprenante.prenom} {apprenante.nom}"),
                     identifiant(f"{apprenante.nom} {apprenante.prenom}")}
        if apprenante.email:
            cles |= {identifiant(apprenante.email), identifiant(apprenante.email.split("@")[0])}
        for cle in cles - {""}:
            index[cle] = None if cle in index and index[cle] != apprenante else apprenante
    return Liste(apprenantes, index)


# --- Reading a source --------------------------------------------------------------------------

@dataclass
class Depot:
    """Une copie trouvée dans la source : à qui (d'après son nom), quels fichiers, quand."""

    origine: str                 # what the trainer sees in the source (file or folder name)
    nom: str                     # the name to match against the roster
    fichiers: dict[str, Path]    # relative path in the submission -> file on disk
    horodatage: dt.datetime      # UTC, naive (nbgrader's convention)


def _utc(horodatage: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(horodatage, dt.timezone.utc).replace(tzinfo=None)


def _horodatage_nbgrader(texte: str) -> dt.datetime | None:
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(texte.strip())
    except (ValueError, OverflowError):
        return None


def _fichiers(dossier: Path) -> dict[str, Path]:
    return {p.relative_to(dossier).as_posix(): p for p in sorted(dossier.rglob("*")) if p.is_file()}


def _horodatage_dossier(dossier: Path, fichiers: dict[str, Path]) -> dt.datetime:
    horodatage = dossier / "timestamp.txt"
    if horodatage.is_file():
        lu = _horodatage_nbgrader(horodatage.read_text(encoding="utf-8"))
        if lu is not None:
            return lu
    dates = [p.stat().st_mtime for nom, p in fichiers.items() if nom.endswith(".ipynb")]
    return _utc(max(dates or [dossier.stat().st_mtime]))


def _depots_echange(inbound: Path, module: str) -> tuple[list[Depot], list[tuple[str, str]]]:
    depots, ignores = [], []
    for dossier in sorted(p for p in inbound.iterdir() if p.is_dir()):
        morceaux = dossier.name.rsplit("+", 3)
        if len(morceaux) != 4:
            ignores.append((dossier.name, "nom de dossier qui n'est pas celui de l'échange de nbgrader"))
            continue
        utilisateur, assignment, horodatage, _ = morceaux
        if assignment != module:
            continue
        fichiers = _fichiers(dossier)
        fichiers.pop("timestamp.txt", None)
        quand = None
        if (dossier / "timestamp.txt").is_file():
            quand = _horodatage_nbgrader((dossier / "timestamp.txt").read_text(encoding="utf-8"))
        quand = quand or _horodatage_nbgrader(horodatage) or _horodatage_dossier(dossier, fichiers)
        depots.append(Depot(dossier.name, utilisateur, fichiers, quand))
    return depots, ignores


def _depots_dossier(dossier: Path, module: str) -> tuple[list[Depot], list[tuple[str, str]]]:
    depots, ignores = [], []
    for entree in sorted(dossier.iterdir()):
        if entree.name.startswith(".") or entree.name.startswith("__MACOSX"):
            continue
        moodle = MOTIF_MOODLE.match(entree.name)
        if moodle and moodle.group("type") != "file":
            ignores.append((entree.name, "remise Moodle qui n'est pas un fichier (texte en ligne…)"))
            continue
        nom = moodle.group("nom").replace("_", " ") if moodle else None
        if entree.is_dir():
            racine = entree / module if (entree / module).is_dir() else entree
            fichiers = _fichiers(racine)
            fichiers.pop("timestamp.txt", None)
            if not fichiers:
                ignores.append((entree.name + "/", "dossier vide"))
                continue
            depots.append(Depot(entree.name + "/", nom or entree.name, fichiers,
                                _horodatage_dossier(racine, fichiers)))
        elif moodle and moodle.group("reste"):
            depots.append(Depot(entree.name, nom, {moodle.group("reste"): entree},
                                _utc(entree.stat().st_mtime)))
        elif entree.suffix == ".ipynb":
            depots.append(Depot(entree.name, entree.stem, {entree.name: entree},
                                _utc(entree.stat().st_mtime)))
        else:
            ignores.append((entree.name, "ce n'est pas un notebook (.ipynb) ni un dossier de copie"))
    return depots, ignores


def _extraire(archive: Path, destination: Path) -> Path:
    """Extrait l'archive en gardant l'heure de chaque fichier (celle que donne le LMS)."""
    import os
    import time

    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                # extract() drops "../" and leading slashes: nothing lands outside the folder.
                chemin = Path(zf.extract(info, destination))
                if not info.is_dir():
                    # Zip times carry no time zone: read as the local time of this machine.
                    quand = time.mktime(info.date_time + (0, 0, -1))
                    os.utime(chemin, (quand, quand))
    except zipfile.BadZipFile:
        raise DonneesInvalides(
            f"{archive.name} n'est pas une archive zip lisible : télécharge-la à nouveau depuis le LMS."
        ) from None
    entrees = [p for p in destination.iterdir() if not p.name.startswith("__MACOSX")]
    # An archive that wraps everything in one folder: look inside it.
    if len(entrees) == 1 and entrees[0].is_dir() and not MOTIF_MOODLE.match(entrees[0].name):
        return entrees[0]
    return destination


def _dossier_echange(source: Path, course_id: str) -> Path | None:
    for candidat in (source / course_id / "inbound", source / "inbound"):
        if candidat.is_dir():
            return candidat
    if source.name == "inbound":
        return source
    return None


# --- Import --------------------------------------------------------------------------------------

@dataclass
class BilanImport:
    module: str
    source: Path
    genre: str
    importees: list[tuple[str, str, dt.datetime]] = field(default_factory=list)
    ecartees: list[tuple[str, str]] = field(default_factory=list)      # older or duplicate
    non_reconnues: list[tuple[str, str]] = field(default_factory=list)
    sans_copie: list[str] = field(default_factory=list)

    def texte(self) -> str:
        lignes = [f"Import de {self.module} depuis {self.source.name} ({self.genre}) : "
                  f"{len(self.importees)} copie(s) rangée(s) dans submitted/."]
        for apprenante, origine, quand in self.importees:
            lignes.append(f"  {apprenante} ← {origine} (rendue le {quand:%d/%m/%Y à %H:%M} UTC)")
        if self.ecartees:
            lignes += ["", "Copies écartées (une copie au moins aussi récente est déjà là) :"]
            lignes += [f"- {origine} : {raison}" for origine, raison in self.ecartees]
        lignes.append("")
        if self.non_reconnues:
            lignes.append("Non reconnus (rien n'a été importé pour eux) :")
            lignes += [f"- {origine} : {raison}" for origine, raison in self.non_reconnues]
        else:
            lignes.append("Non reconnus : aucun")
        if self.sans_copie:
            lignes += ["", f"Sans copie dans cette source : {', '.join(self.sans_copie)}"]
        return "\n".join(lignes)


def _horodatage_existant(dossier: Path) -> dt.datetime | None:
    if not dossier.is_dir():
        return None
    return _horodatage_dossier(dossier, _fichiers(dossier))


def _choisir_fichiers(depot: Depot, attendus: list[str], ignorer: list[str]):
    """Les fichiers à ranger (nom dans la copie -> fichier), les notebooks du module retenus et
    les notebooks inconnus, laissés de côté."""
    def ignore(nom: str) -> bool:
        return any(fnmatch.fnmatch(partie, motif) for partie in Path(nom).parts for motif in ignorer)

    fichiers = {n: p for n, p in depot.fichiers.items() if not ignore(n)}
    notebooks = {n: p for n, p in fichiers.items() if n.endswith(".ipynb")}
    autres = {n: p for n, p in fichiers.items() if not n.endswith(".ipynb")}
    connus = {n: p for n, p in notebooks.items() if "/" not in n and Path(n).stem in attendus}
    inconnus = sorted(set(notebooks) - set(connus))
    if not connus and len(notebooks) == 1 and len(attendus) == 1:
        # One notebook, one expected: a renamed copy ("exercice (1).ipynb", "Marie_exercice.ipynb").
        connus, inconnus = {f"{attendus[0]}.ipynb": next(iter(notebooks.values()))}, []
    return {**autres, **connus}, connus, inconnus


def importer(cours: Cours, source: str | Path, module: str, *,
             liste: str | Path | None = None) -> BilanImport:
    """Range les copies de ``source`` dans ``submitted/<apprenante>/<module>/`` et inscrit les
    apprenantes au carnet de notes ; renvoie le bilan (importées, écartées, non reconnues)."""
    from obm.correction.publication import inscrire_module

    source = Path(source)
    if not source.exists():
        raise DonneesInvalides(f"La source {source} n'existe pas : vérifie le chemin.")
    module_existe(cours, module)
    attendus = cours.notebooks_source(module)
    if not attendus:
        with cours.carnet() as carnet:
            attendus = [nb.name for nb in carnet.find_assignment(module).notebooks]
    ignorer = list(cours.coursedir().ignore)
    cohorte = lire_liste(liste) if liste else None

    with tempfile.TemporaryDirectory(prefix="obm-importer-") as temporaire:
        if source.is_file() and source.suffix.lower() == ".zip":
            dossier, genre = _extraire(source, Path(temporaire)), "archive"
        elif source.is_dir():
            dossier, genre = source, "dossier"
        else:
            raise DonneesInvalides(
                f"{source.name} n'est ni un dossier ni une archive .zip : donne le dossier des "
                "copies, l'archive téléchargée du LMS ou le dossier d'échange de nbgrader."
            )
        inbound = _dossier_echange(dossier, cours.course_id)
        if inbound is not None:
            depots, non_reconnues = _depots_echange(inbound, module)
            genre = "échange de nbgrader"
        else:
            depots, non_reconnues = _depots_dossier(dossier, module)
            if any(MOTIF_MOODLE.match(d.origine.rstrip("/")) for d in depots):
                genre = f"{genre} Moodle" if genre == "archive" else "dossier Moodle"
        bilan = BilanImport(module, source, genre, non_reconnues=non_reconnues)

        # Who is who, which files, and the newest submission of each learner in this source.
        retenus: dict[str, tuple[Depot, Apprenante | None, dict]] = {}
        for depot in depots:
            if cohorte is not None:
                apprenante, raison = cohorte.trouver(depot.nom)
                if apprenante is None:
                    bilan.non_reconnues.append((depot.origine, raison))
                    continue
                ident = apprenante.identifiant
            else:
                apprenante, ident = None, identifiant(depot.nom)
                if not ident:
                    bilan.non_reconnues.append((depot.origine, "aucun nom à en tirer"))
                    continue
            fichiers, notebooks, inconnus = _choisir_fichiers(depot, attendus, ignorer)
            for nom in inconnus:
                bilan.non_reconnues.append((f"{depot.origine} {nom}", "notebook inconnu du module "
                                            f"(attendu : {', '.join(a + '.ipynb' for a in attendus)})"))
            if not notebooks:
                if not inconnus:
                    bilan.non_reconnues.append((depot.origine, "aucun notebook dans cette copie"))
                continue
            if ident in retenus:
                ancien = retenus[ident][0]
                if depot.horodatage > ancien.horodatage:
                    retenus[ident], ecarte, garde = (depot, apprenante, fichiers), ancien, depot
                else:
                    ecarte, garde = depot, ancien
                bilan.ecartees.append((ecarte.origine, f"une copie plus récente de {ident} est "
                                                       f"dans la source ({garde.origine})"))
            else:
                retenus[ident] = (depot, apprenante, fichiers)

        inscrire_module(cours, module)
        soumis = cours.dossier("submitted")
        with cours.carnet() as carnet:
            for ident in sorted(retenus):
                depot, apprenante, fichiers = retenus[ident]
                cible = soumis / ident / module
                existant = _horodatage_existant(cible)
                if existant is not None and depot.horodatage <= existant:
                    raison = ("déjà importée" if depot.horodatage == existant else
                              f"plus ancienne que la copie déjà rangée (du {existant:%d/%m/%Y %H:%M} UTC)")
                    bilan.ecartees.append((depot.origine, raison))
                    continue
                _ranger(cible, fichiers, depot.horodatage)
                infos = {}
                if apprenante is not None:
                    infos = {cle: valeur for cle, valeur in (("first_name", apprenante.prenom),
                                                              ("last_name", apprenante.nom),
                                                              ("email", apprenante.email)) if valeur}
                carnet.update_or_create_student(ident, **infos)
                bilan.importees.append((ident, depot.origine, depot.horodatage))
    if cohorte is not None:
        presentes = set(retenus)
        bilan.sans_copie = [a.identifiant for a in cohorte.apprenantes if a.identifiant not in presentes]
    return bilan


def _ranger(cible: Path, fichiers: dict[str, Path], horodatage: dt.datetime) -> None:
    """Écrit la copie dans un dossier neuf, puis le met à la place de l'ancien (jamais à moitié)."""
    neuf = cible.parent / f".{cible.name}.import"
    if neuf.exists():
        shutil.rmtree(neuf)
    for nom, chemin in fichiers.items():
        destination = neuf / nom
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(chemin, destination)
    (neuf / "timestamp.txt").write_text(horodatage.strftime(FORMAT_HORODATAGE) + "\n", encoding="utf-8")
    if cible.exists():
        shutil.rmtree(cible)
    neuf.rename(cible)
