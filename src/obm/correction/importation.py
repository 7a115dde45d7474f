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

Rien de ce que l'apprenante contrôle n'est cru sur parole :

- dans l'échange, un dossier n'est pris que si son **propriétaire Unix** est l'utilisatrice que
  son nom annonce (et chaque fichier aussi) ; l'ordre des copies est celui de leur **collecte
  côté formatrice** (l'heure où ``obm importer`` a vu le dossier pour la première fois, notée
  dans ``gradebook/registre-echange.json``), puis, pour des copies vues au même passage, l'heure
  où le système a créé ou modifié le dossier (``ctime``, qu'un compte ne peut pas antidater) ;
  jamais une date écrite par l'apprenante (nom du dossier, ``timestamp.txt``) ;
- seuls les **fichiers ordinaires** sont lus, sans jamais suivre de lien ; seuls les notebooks
  attendus et les fichiers de données que l'exercice déclare sont rangés ; les fichiers cachés,
  le code Python et le reste sont listés, jamais copiés (voir :mod:`obm.correction.fichiers_surs`) ;
- les noms venus des copies sont nettoyés avant d'être affichés (:func:`texte_sur`).
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

from obm.correction import fichiers_surs
from obm.correction.commun import Cours, fichiers_declares, identifiant, module_existe, texte_sur
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
    racine: Path | None = None   # the folder the relative paths start from (None: one file)
    uid: int | None = None       # exchange: the Unix owner every file must have
    cle: tuple = ()              # exchange: (collected at, arrived at), the order of copies
    refus: list[tuple[str, str]] = field(default_factory=list)  # files never read, and why


def _utc(horodatage: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(horodatage, dt.timezone.utc).replace(tzinfo=None)


def _horodatage_nbgrader(texte: str) -> dt.datetime | None:
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(texte.strip())
    except (ValueError, OverflowError):
        return None


def _fichiers(dossier: Path, uid: int | None = None) -> tuple[dict[str, Path], list[tuple[str, str]]]:
    """Les fichiers ordinaires d'une copie (jamais à travers un lien) et ce qui a été refusé."""
    releve = fichiers_surs.inventaire(dossier, uid=uid)
    return {nom: dossier / nom for nom in releve.fichiers}, releve.refus


def _horodatage_dossier(dossier: Path, fichiers: dict[str, Path]) -> dt.datetime:
    """L'heure d'une copie hors échange : son ``timestamp.txt`` (écrit par obm ou par le LMS),
    sinon l'heure de ses notebooks (celle que l'archive du LMS leur a donnée)."""
    if "timestamp.txt" in fichiers:
        try:
            lu = _horodatage_nbgrader(fichiers_surs.lire(dossier, "timestamp.txt", taille_max=4096)
                                      .decode("utf-8", "replace"))
        except fichiers_surs.Refus:
            lu = None
        if lu is not None:
            return lu
    dates = [p.stat(follow_symlinks=False).st_mtime for nom, p in fichiers.items()
             if nom.endswith(".ipynb")]
    return _utc(max(dates or [dossier.stat(follow_symlinks=False).st_mtime]))


class RegistreEchange:
    """Le registre, côté formatrice, des dossiers de l'échange déjà vus : pour chacun, l'heure
    de sa première collecte et l'heure où il est arrivé (``ctime`` figé à cette collecte).

    C'est l'ordre des copies d'une apprenante : la dernière collectée l'emporte ; entre copies
    collectées au même passage, la dernière arrivée. Rien de ce qu'écrit l'apprenante n'y entre.
    """

    def __init__(self, chemin: Path, maintenant: dt.datetime | None = None):
        import json

        self.chemin = chemin
        self.maintenant = maintenant or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        try:
            self.donnees = json.loads(chemin.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.donnees = {}
        self.donnees.setdefault("dossiers", {})
        self.donnees.setdefault("en_place", {})

    @staticmethod
    def _date(texte: str) -> dt.datetime:
        return dt.datetime.fromisoformat(texte)

    def cle(self, module: str, nom: str, st) -> tuple[dt.datetime, dt.datetime]:
        """(collectée le, arrivée le) du dossier ``nom`` de l'échange, notés à sa première collecte."""
        entree = f"{module}/{nom}/{st.st_dev}:{st.st_ino}"
        connu = self.donnees["dossiers"].get(entree)
        if connu is None:
            arrivee = min(_utc(st.st_ctime), self.maintenant)
            connu = {"collectee": self.maintenant.isoformat(), "arrivee": arrivee.isoformat()}
            self.donnees["dossiers"][entree] = connu
        return self._date(connu["collectee"]), self._date(connu["arrivee"])

    def en_place(self, apprenante: str, module: str) -> tuple | None:
        connu = self.donnees["en_place"].get(f"{apprenante}/{module}")
        return tuple(self._date(t) for t in connu) if connu else None

    def ranger(self, apprenante: str, module: str, cle: tuple) -> None:
        self.donnees["en_place"][f"{apprenante}/{module}"] = [t.isoformat() for t in cle]

    def oublier(self, apprenante: str, module: str) -> None:
        self.donnees["en_place"].pop(f"{apprenante}/{module}", None)

    def enregistrer(self) -> None:
        import json

        self.chemin.parent.mkdir(parents=True, exist_ok=True)
        temporaire = self.chemin.with_suffix(".tmp")
        temporaire.write_text(json.dumps(self.donnees, indent=1, sort_keys=True), encoding="utf-8")
        temporaire.replace(self.chemin)


def _depots_echange(inbound: Path, module: str,
                    registre: RegistreEchange) -> tuple[list[Depot], list[tuple[str, str]]]:
    import os

    depots, ignores = [], []
    with os.scandir(inbound) as entrees:
        noms = sorted(e.name for e in entrees)
    for nom in noms:
        morceaux = nom.rsplit("+", 3)
        if len(morceaux) != 4:
            ignores.append((nom, "nom de dossier qui n'est pas celui de l'échange de nbgrader"))
            continue
        utilisateur, assignment, _date_ecrite, _ = morceaux
        if assignment != module:
            continue
        try:
            fd = fichiers_surs.ouvrir_dossier(inbound / nom)
        except OSError:
            ignores.append((nom, "ce n'est pas un dossier (lien symbolique ou fichier) : ignoré"))
            continue
        try:
            st = os.fstat(fd)
        finally:
            os.close(fd)
        proprietaire = fichiers_surs.nom_utilisateur(st.st_uid)
        if proprietaire != utilisateur:
            # nbgrader's own collect only warns about this; here, the copy is refused.
            ignores.append((nom, f"dossier au nom de « {utilisateur} » mais déposé par le compte "
                                 f"« {proprietaire} » : refusé (une apprenante ne peut rendre "
                                 "que sa propre copie)"))
            continue
        fichiers, refus = _fichiers(inbound / nom, uid=st.st_uid)
        fichiers.pop("timestamp.txt", None)  # written by the learner's side: never trusted
        collectee, arrivee = registre.cle(module, nom, st)
        depots.append(Depot(nom, utilisateur, fichiers, arrivee, racine=inbound / nom,
                            uid=st.st_uid, cle=(collectee, arrivee), refus=refus))
    return depots, ignores


def _depots_dossier(dossier: Path, module: str) -> tuple[list[Depot], list[tuple[str, str]]]:
    depots, ignores = [], []
    for entree in sorted(dossier.iterdir()):
        if entree.name in fichiers_surs.SILENCIEUX or entree.name.startswith("__MACOSX"):
            continue
        if entree.is_symlink():
            ignores.append((entree.name, fichiers_surs.LIEN))
            continue
        if entree.name.startswith("."):
            ignores.append((entree.name, fichiers_surs.CACHE))
            continue
        moodle = MOTIF_MOODLE.match(entree.name)
        if moodle and moodle.group("type") != "file":
            ignores.append((entree.name, "remise Moodle qui n'est pas un fichier (texte en ligne…)"))
            continue
        nom = moodle.group("nom").replace("_", " ") if moodle else None
        if entree.is_dir():
            racine = entree / module if (entree / module).is_dir() and not (entree / module).is_symlink() else entree
            fichiers, refus = _fichiers(racine)
            horodatage = _horodatage_dossier(racine, fichiers)
            fichiers.pop("timestamp.txt", None)
            if not fichiers and not refus:
                ignores.append((entree.name + "/", "dossier vide"))
                continue
            depots.append(Depot(entree.name + "/", nom or entree.name, fichiers, horodatage,
                                racine=racine, refus=refus))
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
    laisses: list[tuple[str, str]] = field(default_factory=list)       # files never copied

    def texte(self) -> str:
        """Le bilan à afficher. Chaque nom venu d'une copie y passe par :func:`texte_sur` : une
        ligne par entrée, sans caractère de contrôle, quel que soit le nom du fichier."""
        s = texte_sur
        lignes = [f"Import de {s(self.module)} depuis {s(self.source.name)} ({self.genre}) : "
                  f"{len(self.importees)} copie(s) rangée(s) dans submitted/."]
        for apprenante, origine, quand in self.importees:
            lignes.append(f"  {s(apprenante)} ← {s(origine)} (rendue le {quand:%d/%m/%Y à %H:%M} UTC)")
        if self.ecartees:
            lignes += ["", "Copies écartées (une copie au moins aussi récente est déjà là) :"]
            lignes += [f"- {s(origine)} : {s(raison, 400)}" for origine, raison in self.ecartees]
        if self.laisses:
            lignes += ["", "Fichiers laissés de côté (jamais lus ni copiés) :"]
            lignes += [f"- {s(origine, 300)} : {s(raison, 400)}" for origine, raison in self.laisses]
        lignes.append("")
        if self.non_reconnues:
            lignes.append("Non reconnus (rien n'a été importé pour eux) :")
            lignes += [f"- {s(origine)} : {s(raison, 400)}" for origine, raison in self.non_reconnues]
        else:
            lignes.append("Non reconnus : aucun")
        if self.sans_copie:
            lignes += ["", f"Sans copie dans cette source : {', '.join(s(a) for a in self.sans_copie)}"]
        return "\n".join(lignes)


def _horodatage_existant(dossier: Path) -> dt.datetime | None:
    if not dossier.is_dir() or dossier.is_symlink():
        return None
    return _horodatage_dossier(dossier, _fichiers(dossier)[0])


def _choisir_fichiers(depot: Depot, attendus: list[str], ignorer: list[str], declares: set[str]):
    """Les fichiers à ranger (nom dans la copie -> fichier), les notebooks du module retenus,
    les notebooks inconnus et les autres fichiers laissés de côté.

    Seuls les notebooks attendus et les fichiers de données que l'exercice déclare sont rangés.
    """
    def ignore(nom: str) -> bool:
        return any(fnmatch.fnmatch(partie, motif) for partie in Path(nom).parts for motif in ignorer)

    fichiers = {n: p for n, p in depot.fichiers.items() if not ignore(n)}
    notebooks = {n: p for n, p in fichiers.items() if n.endswith(".ipynb")}
    donnees = {n: p for n, p in fichiers.items()
               if n in declares or n == "submission_secret.txt"}  # the exchange needs the secret
    connus = {n: p for n, p in notebooks.items() if "/" not in n and Path(n).stem in attendus}
    inconnus = sorted(set(notebooks) - set(connus))
    if not connus and len(notebooks) == 1 and len(attendus) == 1:
        # One notebook, one expected: a renamed copy ("exercice (1).ipynb", "Marie_exercice.ipynb").
        seul = next(iter(notebooks))
        connus, inconnus = {f"{attendus[0]}.ipynb": notebooks[seul]}, []
        fichiers = {**fichiers, f"{attendus[0]}.ipynb": notebooks[seul]}
        fichiers.pop(seul)
    autres = sorted(set(fichiers) - set(connus) - set(donnees) - set(inconnus))
    return {**donnees, **connus}, connus, inconnus, autres


def importer(cours: Cours, source: str | Path, module: str, *,
             liste: str | Path | None = None) -> BilanImport:
    """Range les copies de ``source`` dans ``submitted/<apprenante>/<module>/`` et inscrit les
    apprenantes au carnet de notes ; renvoie le bilan (importées, écartées, non reconnues,
    fichiers laissés de côté)."""
    from obm.correction.publication import inscrire_module

    source = Path(source).expanduser()
    if not source.exists():
        raise DonneesInvalides(f"La source {source} n'existe pas : vérifie le chemin.")
    source = source.resolve()  # the trainer's own path; links inside the copies are never followed
    module_existe(cours, module)
    attendus = cours.notebooks_source(module)
    if not attendus:
        with cours.carnet() as carnet:
            attendus = [nb.name for nb in carnet.find_assignment(module).notebooks]
    declares = fichiers_declares(cours, module)
    ignorer = list(cours.coursedir().ignore)
    cohorte = lire_liste(liste) if liste else None
    registre = RegistreEchange(cours.racine / "gradebook" / "registre-echange.json")

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
            depots, non_reconnues = _depots_echange(inbound, module, registre)
            genre = "échange de nbgrader"
        else:
            depots, non_reconnues = _depots_dossier(dossier, module)
            if any(MOTIF_MOODLE.match(d.origine.rstrip("/")) for d in depots):
                genre = f"{genre} Moodle" if genre == "archive" else "dossier Moodle"
        bilan = BilanImport(module, source, genre, non_reconnues=non_reconnues)

        # Who is who, which files, and the newest submission of each learner in this source.
        retenus: dict[str, tuple[Depot, Apprenante | None, dict]] = {}
        for depot in depots:
            bilan.laisses += [(f"{depot.origine.rstrip('/')}/{nom}", raison) for nom, raison in depot.refus]
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
            fichiers, notebooks, inconnus, autres = _choisir_fichiers(depot, attendus, ignorer, declares)
            for nom in inconnus:
                bilan.non_reconnues.append((f"{depot.origine} {nom}", "notebook inconnu du module "
                                            f"(attendu : {', '.join(a + '.ipynb' for a in attendus)})"))
            bilan.laisses += [(f"{depot.origine.rstrip('/')}/{nom}", fichiers_surs.NON_ATTENDU)
                              for nom in autres]
            if not notebooks:
                if not inconnus:
                    bilan.non_reconnues.append((depot.origine, "aucun notebook dans cette copie"))
                continue
            if ident in retenus:
                ancien = retenus[ident][0]
                if _ordre(depot) > _ordre(ancien):
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
                raison = _deja_plus_recente(cible, depot, registre.en_place(ident, module))
                if raison is not None:
                    bilan.ecartees.append((depot.origine, raison))
                    continue
                refus = _ranger(cible, depot, fichiers, attendus)
                bilan.laisses += [(f"{depot.origine.rstrip('/')}/{nom}", r) for nom, r in refus]
                if refus is None or not (cible / "timestamp.txt").exists():
                    bilan.non_reconnues.append((depot.origine, "aucun notebook lisible dans cette copie"))
                    continue
                if depot.cle:
                    registre.ranger(ident, module, depot.cle)
                else:
                    registre.oublier(ident, module)
                infos = {}
                if apprenante is not None:
                    infos = {cle: valeur for cle, valeur in (("first_name", apprenante.prenom),
                                                              ("last_name", apprenante.nom),
                                                              ("email", apprenante.email)) if valeur}
                carnet.update_or_create_student(ident, **infos)
                bilan.importees.append((ident, depot.origine, depot.horodatage))
    registre.enregistrer()
    if cohorte is not None:
        presentes = set(retenus)
        bilan.sans_copie = [a.identifiant for a in cohorte.apprenantes if a.identifiant not in presentes]
    return bilan


def _ordre(depot: Depot) -> tuple:
    """L'ordre de deux copies d'une même source : la collecte pour l'échange, sinon l'heure."""
    return depot.cle or (depot.horodatage,)


def _deja_plus_recente(cible: Path, depot: Depot, cle_en_place: tuple | None) -> str | None:
    """La raison d'écarter ``depot`` parce que la copie déjà rangée est au moins aussi récente."""
    existant = _horodatage_existant(cible)
    if existant is None:
        return None
    if depot.cle and cle_en_place:
        # Two copies from the exchange: the order in which the trainer's side collected them.
        if depot.cle == cle_en_place:
            return "déjà importée"
        if depot.cle < cle_en_place:
            return (f"collectée avant la copie déjà rangée (arrivée le {cle_en_place[1]:%d/%m/%Y %H:%M} UTC)")
        return None
    if depot.horodatage <= existant:
        return ("déjà importée" if depot.horodatage == existant else
                f"plus ancienne que la copie déjà rangée (du {existant:%d/%m/%Y %H:%M} UTC)")
    return None


def _ranger(cible: Path, depot: Depot, fichiers: dict[str, Path],
            attendus: list[str]) -> list[tuple[str, str]] | None:
    """Écrit la copie dans un dossier neuf, puis le met à la place de l'ancien (jamais à moitié).

    Chaque fichier est relu sans suivre de lien (:mod:`obm.correction.fichiers_surs`) ; ceux qui
    ne peuvent pas l'être sont renvoyés avec la raison. Renvoie ``None`` (rien n'est changé)
    quand aucun notebook attendu n'a pu être lu.
    """
    neuf = cible.parent / f".{cible.name}.import"
    if neuf.exists():
        shutil.rmtree(neuf)
    refus, notebooks = [], 0
    for nom, chemin in fichiers.items():
        if depot.racine is not None:
            racine, relatif = depot.racine, chemin.relative_to(depot.racine).as_posix()
        else:
            racine, relatif = chemin.parent, chemin.name
        try:
            fichiers_surs.copier(racine, relatif, neuf / nom, uid=depot.uid)
        except fichiers_surs.Refus as raison:
            refus.append((relatif, str(raison)))
            continue
        notebooks += nom.endswith(".ipynb") and Path(nom).stem in attendus
    if not notebooks:
        shutil.rmtree(neuf, ignore_errors=True)
        return None
    (neuf / "timestamp.txt").write_text(depot.horodatage.strftime(FORMAT_HORODATAGE) + "\n",
                                        encoding="utf-8")
    if cible.exists() or cible.is_symlink():
        if cible.is_symlink() or not cible.is_dir():
            cible.unlink()
        else:
            shutil.rmtree(cible)
    neuf.rename(cible)
    return refus
