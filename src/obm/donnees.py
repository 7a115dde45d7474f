"""Où se trouvent les fichiers du cours et l'état de l'apprenante.

Un seul endroit connaît les chemins : les notebooks et les modules passent par ici,
jamais par des chemins relatifs fragiles.
"""

import os
from pathlib import Path

from obm.erreurs import DonneesInvalides

_MARQUEUR = Path("course") / "syllabus.toml"


def racine_cours() -> Path:
    """Renvoie le dossier racine du cours (celui qui contient ``course/syllabus.toml``).

    Ordre de recherche : la variable d'environnement ``OBM_COURS``, puis le dossier
    courant et ses parents, puis le dossier d'où vient la bibliothèque.
    """
    env = os.environ.get("OBM_COURS")
    if env:
        racine = Path(env).expanduser()
        if (racine / _MARQUEUR).is_file():
            return racine.resolve()
        raise DonneesInvalides(
            f"OBM_COURS vaut « {env} », mais ce dossier ne contient pas {_MARQUEUR}. "
            "Corrige la variable ou supprime-la."
        )
    departs = [Path.cwd(), Path(__file__).resolve().parent]
    for depart in departs:
        for dossier in (depart, *depart.parents):
            if (dossier / _MARQUEUR).is_file():
                return dossier
    raise DonneesInvalides(
        "Je ne trouve pas le dossier du cours (celui qui contient course/syllabus.toml). "
        "Ouvre JupyterLab depuis le dossier du cours, ou indique-le dans la variable OBM_COURS."
    )


def chemin_donnees(nom: str) -> Path:
    """Renvoie le chemin d'un fichier de ``data/`` (par exemple ``"ventes_brutes.csv"``)."""
    chemin = racine_cours() / "data" / nom
    if not chemin.is_file():
        raise DonneesInvalides(
            f"Le fichier de données « {nom} » n'existe pas dans {chemin.parent}. "
            "Vérifie l'orthographe du nom (avec son extension, par ex. .csv)."
        )
    return chemin


def dossier_apprenante() -> Path:
    """Renvoie le dossier où le cours garde l'état de l'apprenante (``OBM_HOME``, par défaut ``~/.obm``).

    Le dossier est créé s'il n'existe pas. Il est en dehors du cours, pour que faire
    tourner les notebooks ne modifie jamais le dépôt.
    """
    dossier = Path(os.environ.get("OBM_HOME") or Path.home() / ".obm").expanduser()
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


class Faits(dict):
    """Des faits du cours, lisibles comme un dictionnaire (``faits["programme"]``) ou par le point
    (``faits.programme.prix_ttc``)."""

    def __getattr__(self, nom):
        try:
            return self[nom]
        except KeyError:
            connus = ", ".join(sorted(self))
            raise AttributeError(f"« {nom} » n'existe pas ici. Clés connues : {connus}.") from None

    def membre(self, prenom: str) -> "Faits":
        """La fiche d'un membre de l'équipe (``clara().membre("Léa")``, ``maelle().membre("Awa")``)."""
        from obm.erreurs import IdentifiantInconnu

        for personne in self.get("equipe", []):
            if personne["prenom"] == prenom:
                return personne
        connus = ", ".join(p["prenom"] for p in self.get("equipe", []))
        cliente = self.get("cliente", {}).get("prenom", "Clara")
        raise IdentifiantInconnu(f"« {prenom} » n'est pas dans l'équipe de {cliente} ({connus}).")


def _en_faits(valeur):
    if isinstance(valeur, dict):
        return Faits({cle: _en_faits(v) for cle, v in valeur.items()})
    if isinstance(valeur, list):
        return [_en_faits(v) for v in valeur]
    return valeur


_TOML_LUS: dict = {}


def _toml_lu(chemin: Path) -> dict:
    """The parsed TOML file, read again only when it changes. Callers get fresh containers from
    ``_en_faits`` each time (the values inside are immutable), so no caller sees another's edits."""
    import tomllib

    etat = chemin.stat()
    tampon = (etat.st_mtime_ns, etat.st_size)
    deja = _TOML_LUS.get(str(chemin))
    if deja is None or deja[0] != tampon:
        with open(chemin, "rb") as fichier:
            deja = _TOML_LUS[str(chemin)] = (tampon, tomllib.load(fichier))
    return deja[1]


def clara() -> Faits:
    """Les faits de Clara Morel, le fil rouge du cours (le fichier ``data/clara.toml``).

    Exemples : ``clara().programme.prix_ttc`` (497), ``clara().audience.liste_email`` (4 800),
    ``clara().membre("Léa").heures_par_semaine`` (15), ``clara().lancement.ouverture_panier``
    (une date). Les notebooks prennent leurs chiffres ici plutôt que de les retaper.
    """
    return _en_faits(_toml_lu(chemin_donnees("clara.toml")))


def maelle() -> Faits:
    """Les faits de Maëlle Le Goff, la cliente du projet final (le fichier ``data/maelle.toml``).

    Exemples : ``maelle().cours.prix_ttc`` (240), ``maelle().membre("Awa").heures_par_semaine``
    (8), ``maelle().lancement.ouverture_panier`` (une date). Ses données sont dans
    ``data/maelle_*.csv`` (décrites dans ``data/README.md``).
    """
    return _en_faits(_toml_lu(chemin_donnees("maelle.toml")))
