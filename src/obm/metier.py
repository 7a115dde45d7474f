"""Le métier d'OBM (module 01) : la fiche de poste d'une page, l'équipe de Clara, le forfait.

La fiche de poste est le livrable du module : l'apprenante écrit chaque rubrique dans un
dictionnaire (``fiche_de_poste = {"mission": "…", …}``), puis :func:`ecrire_fiche_de_poste`
vérifie sa forme et l'enregistre dans ``livrables/``, en Markdown (à coller dans un outil de
notes ou un document partagé) et en HTML (à imprimer ou à enregistrer en PDF depuis le
navigateur, sur une page A4). Le contenu n'est jamais jugé ici : c'est la formatrice qui le note.

Dans un notebook ::

    from obm.metier import modele_fiche_de_poste, ecrire_fiche_de_poste
    modele_fiche_de_poste()        # affiche le dictionnaire à recopier
    ecrire_fiche_de_poste()        # lit `fiche_de_poste`, vérifie, écrit les deux fichiers
"""

from __future__ import annotations

import html
import inspect
from dataclasses import dataclass
from pathlib import Path

from obm.erreurs import DonneesInvalides

FICHIER = "01_fiche_de_poste_obm"  # + .md et .html, dans livrables/
MOTS_MAX = 450  # au-delà, la fiche ne tient plus sur une page A4
CARACTERES_MIN = 20  # une rubrique plus courte ne dit rien de concret
_ABSENT = object()


@dataclass(frozen=True)
class Rubrique:
    """Une rubrique de la fiche : sa clé dans le dictionnaire, son titre, ce qu'on y écrit."""

    cle: str
    titre: str
    consigne: str


RUBRIQUES = (
    Rubrique("mission", "Mission",
             "ce que tu copilotes avec la dirigeante, en une ou deux phrases"),
    Rubrique("projets", "Projets",
             "les projets que tu pilotes, ton outil de gestion de projet, tes points d'avancement"),
    Rubrique("operations", "Opérations",
             "les procédures et les outils dont tu es garante"),
    Rubrique("equipe", "Équipe",
             "les personnes que tu coordonnes, la réunion que tu animes, et comment tu cadres le "
             "travail des prestataires (livrables, échéances, critères de réception)"),
    Rubrique("indicateurs", "Indicateurs",
             "les chiffres que tu suis, à quel rythme, et comment tu les présentes"),
    Rubrique("ce_que_je_ne_fais_pas", "Ce que je ne fais pas",
             "tes anciennes tâches d'exécution et les missions d'autres métiers, et qui s'en "
             "charge"),
    Rubrique("organisation", "Organisation et contrat",
             "ton forfait (heures par mois, davantage pendant un lancement), tes rendez-vous avec "
             "la dirigeante, ton contrat de prestation"),
)
CLES = tuple(r.cle for r in RUBRIQUES)


# --- Le modèle à recopier ----------------------------------------------------------------------

def texte_modele(variable: str = "fiche_de_poste") -> str:
    """Le code du dictionnaire à recopier : une ligne ``...`` par rubrique, sa consigne au-dessus."""
    import textwrap

    lignes = [f"{variable} = {{"]
    for rubrique in RUBRIQUES:
        consigne = f"{rubrique.titre} : {rubrique.consigne}."
        lignes += textwrap.wrap(consigne, width=96, initial_indent="    # ",
                                subsequent_indent="    #   ")
        lignes.append(f'    "{rubrique.cle}": ...,')
    lignes.append("}")
    return "\n".join(lignes)


def modele_fiche_de_poste(variable: str = "fiche_de_poste") -> None:
    """Affiche le dictionnaire de la fiche de poste à recopier : remplace chaque ``...`` par ton
    texte entre guillemets (``"…"``, ou ``\"\"\"…\"\"\"`` pour un texte sur plusieurs lignes)."""
    print(texte_modele(variable))


# --- La forme de la fiche ----------------------------------------------------------------------

def _mots(fiche: dict) -> int:
    return sum(len(str(fiche[c]).split()) for c in CLES if isinstance(fiche.get(c), str))


def controler_fiche(fiche) -> None:
    """Lève ``obm.verifier.PasEncoreFait`` ou ``ARevoir`` si la fiche n'a pas la bonne forme.

    Bonne forme : un dictionnaire avec exactement les clés du modèle, chaque rubrique un texte
    d'au moins quelques mots, et le tout tenant sur une page (au plus ``MOTS_MAX`` mots).
    """
    from obm import verifier as v

    if fiche is Ellipsis:
        raise v.PasEncoreFait("`fiche_de_poste` vaut encore `...`, le modèle de réponse.",
                              "recopie le modèle affiché plus haut et remplace chaque `...` par "
                              "ton texte.")
    if not isinstance(fiche, dict):
        raise v.ARevoir(f"ta fiche doit être un dictionnaire {{rubrique: texte}}, mais c'est un "
                        f"objet de type {type(fiche).__name__}.",
                        "recopie le modèle affiché plus haut (il commence par "
                        "`fiche_de_poste = {`).")
    inconnues = [c for c in fiche if c not in CLES]
    if inconnues:
        raise v.ARevoir(f"la clé {inconnues[0]!r} n'est pas une rubrique de la fiche "
                        f"(rubriques : {', '.join(CLES)}).",
                        "garde les clés du modèle telles quelles, en minuscules et sans accents.")
    manquantes = [r.titre for r in RUBRIQUES if r.cle not in fiche]
    if manquantes:
        raise v.ARevoir(f"il manque la rubrique « {manquantes[0]} ».",
                        "recopie toutes les lignes du modèle, même celles que tu remplis en dernier.")
    a_remplir = [r.titre for r in RUBRIQUES if fiche[r.cle] is Ellipsis]
    for rubrique in RUBRIQUES:
        texte = fiche[rubrique.cle]
        if texte is Ellipsis:
            continue
        if not isinstance(texte, str):
            raise v.ARevoir(f"la rubrique « {rubrique.titre} » doit être un texte entre guillemets, "
                            f"mais c'est un objet de type {type(texte).__name__}.",
                            'écris ton texte entre guillemets doubles : `"…"`.')
        if len(texte.strip()) < CARACTERES_MIN:
            raise v.ARevoir(f"la rubrique « {rubrique.titre} » est trop courte pour dire quelque "
                            f"chose de concret ({len(texte.strip())} caractères).",
                            f"écris une ou deux phrases : {rubrique.consigne}.")
    if a_remplir:
        raise v.PasEncoreFait(f"il te reste à remplir : {', '.join(a_remplir)}.",
                              "remplace chaque `...` par ton texte, exécute la cellule, puis "
                              "celle-ci.")
    if _mots(fiche) > MOTS_MAX:
        raise v.ARevoir(f"ta fiche compte {_mots(fiche)} mots : elle ne tiendra pas sur une page "
                        f"(au plus {MOTS_MAX}).",
                        "garde l'essentiel de chaque rubrique : une ou deux phrases, des mots "
                        "précis plutôt que des exemples en série.")


# --- Les deux fichiers -------------------------------------------------------------------------

def _cliente_par_defaut() -> str:
    from obm.donnees import clara

    faits = clara()
    return f"{faits.clara.prenom} {faits.clara.nom}"


def _date_du_jour() -> str:
    import datetime

    from obm.fr import date

    return date(datetime.date.today())


def _titre(cliente: str) -> str:
    return f"OBM de {cliente} · fiche de poste"


SOUS_TITRE = ("Online Business Manager : la copilote de la dirigeante pour les projets, les "
              "opérations, l'équipe et les indicateurs.")


def fiche_markdown(fiche: dict, cliente: str, date: str) -> str:
    """La fiche en Markdown (un titre, une partie par rubrique), typographie française comprise."""
    from obm.fr import typographie

    parties = [f"# {_titre(cliente)}", "", f"*{typographie(SOUS_TITRE)}*", ""]
    for rubrique in RUBRIQUES:
        parties += [f"## {typographie(rubrique.titre)}", "",
                    typographie(" ".join(fiche[rubrique.cle].split())), ""]
    parties += ["---", "", typographie(f"Fiche préparée le {date} avec l'Académie OBM (module 01).")]
    return "\n".join(parties) + "\n"


_STYLE_PAGE = """
@page { size: A4; margin: 16mm 18mm; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #1d1d1d; max-width: 44em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 .2em; color: #0b4f8a; }
.sous-titre { margin: 0 0 1em; font-style: italic; color: #444; }
h2 { font-size: 11pt; margin: .9em 0 .2em; color: #0b4f8a; border-bottom: 1px solid #c9d8e6; }
p { margin: .2em 0; }
footer { margin-top: 1.2em; font-size: 9pt; color: #555; }
"""


def fiche_html(fiche: dict, cliente: str, date: str) -> str:
    """La fiche en page HTML autonome, prête à imprimer sur une page A4 (texte échappé)."""
    from obm.fr import typographie

    def e(texte: str) -> str:
        return html.escape(typographie(" ".join(texte.split())))

    corps = "".join(f"<h2>{e(r.titre)}</h2>\n<p>{e(fiche[r.cle])}</p>\n" for r in RUBRIQUES)
    pied = f"Fiche préparée le {date} avec l'Académie OBM (module 01)."
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(_titre(cliente))}</title>\n<style>{_STYLE_PAGE}</style>\n</head>\n<body>\n"
        f"<h1>{e(_titre(cliente))}</h1>\n<p class=\"sous-titre\">{e(SOUS_TITRE)}</p>\n{corps}"
        f"<footer>{e(pied)}</footer>\n"
        "</body>\n</html>\n"
    )


def ecrire_fiche(fiche: dict, dossier: str | Path | None = None, *, cliente: str | None = None,
                 date: str | None = None) -> tuple[Path, Path]:
    """Écrit la fiche (déjà contrôlée) en ``.md`` et ``.html`` ; renvoie les deux chemins.

    ``dossier`` : par défaut ``livrables/`` (voir ``obm.livrables``).
    """
    from obm import verifier as v

    try:
        controler_fiche(fiche)
    except v._Issue as probleme:
        raise DonneesInvalides(f"La fiche n'a pas encore la bonne forme : {probleme.message}") from None
    cliente = (cliente or _cliente_par_defaut()).strip()
    date = date or _date_du_jour()
    if dossier is None:
        from obm.livrables import chemin_livrable

        markdown, page = chemin_livrable(f"{FICHIER}.md"), chemin_livrable(f"{FICHIER}.html")
    else:
        dossier = Path(dossier)
        dossier.mkdir(parents=True, exist_ok=True)
        markdown, page = dossier / f"{FICHIER}.md", dossier / f"{FICHIER}.html"
    markdown.write_text(fiche_markdown(fiche, cliente, date), encoding="utf-8")
    page.write_text(fiche_html(fiche, cliente, date), encoding="utf-8")
    return markdown, page


@dataclass(frozen=True)
class FicheEcrite:
    """Ce qui s'affiche sous la cellule : où sont les deux fichiers, puis la fiche elle-même."""

    markdown: Path
    page: Path
    mots: int

    def _repr_pretty_(self, p, cycle) -> None:  # the text view in IPython
        p.text(str(self))

    def __str__(self) -> str:
        return (f"Ta fiche de poste ({self.mots} mots) est enregistrée :\n- {self.markdown}\n"
                f"- {self.page}")

    def _repr_html_(self) -> str:
        texte = self.page.read_text(encoding="utf-8")
        debut, fin = texte.index("<body>") + len("<body>"), texte.index("</body>")
        return (f'<div class="obm-fiche"><p>📄 Ta fiche de poste ({self.mots} mots) est '
                f"enregistrée dans ton dossier <code>livrables/</code> : "
                f"<code>{html.escape(self.markdown.name)}</code> (Markdown) et "
                f"<code>{html.escape(self.page.name)}</code> (à ouvrir dans ton navigateur, "
                "pour l'imprimer ou l'enregistrer en PDF).</p>"
                '<div style="border:1px solid #c9d8e6;padding:8px 14px;max-width:46em;'
                f'background:#fff;color:#1d1d1d">{texte[debut:fin]}</div></div>')


def ecrire_fiche_de_poste(nom: str = "fiche_de_poste", *, cliente: str | None = None,
                          espace: dict | None = None) -> None:
    """Vérifie la forme de ta fiche de poste, puis l'enregistre dans ``livrables/``.

    La fiche est lue dans la variable ``nom`` de ton notebook (par défaut ``fiche_de_poste``) :
    tant qu'elle n'est pas remplie, tu lis « pas encore fait » et rien n'est écrit. Une fois
    sa forme correcte, elle est écrite en Markdown et en HTML, et s'affiche ici. ``cliente`` :
    le nom de ta cliente (par défaut, Clara Morel, celle de l'exercice).
    """
    from IPython.display import display

    from obm import verifier as v

    if espace is None:
        cadre = inspect.currentframe().f_back
        try:
            espace = cadre.f_globals
        finally:
            del cadre
    fiche = espace.get(nom, _ABSENT)
    # Built by hand rather than by obm.verifier.controler: a written text has no fingerprint,
    # so no catalogue of mistakes and no comparison with the model answer in self-study.
    if fiche is _ABSENT:
        resultat = v.Resultat(nom, v.PAS_ENCORE_FAIT, f"`{nom}` n'est pas encore défini.",
                              f"écris ta fiche dans la cellule au-dessus (`{nom} = {{…}}`), "
                              "exécute-la, puis exécute cette cellule.")
    else:
        try:
            controler_fiche(fiche)
        except v._Issue as probleme:
            resultat = v.Resultat(nom, probleme.statut, probleme.message, probleme.indice)
        else:
            resultat = v.Resultat(nom, v.FORME_CORRECTE, "ta fiche a la forme attendue et tient "
                                  "sur une page ; son contenu sera noté par ta formatrice.")
    display(resultat)
    if resultat.statut != v.FORME_CORRECTE:
        return None
    markdown, page = ecrire_fiche(fiche, cliente=cliente)
    display(FicheEcrite(markdown, page, _mots(fiche)))
    return None


# --- Tableaux lisibles -------------------------------------------------------------------------

@dataclass(frozen=True)
class Tableau:
    """Un petit tableau affiché en HTML, texte renvoyé à la ligne (jamais coupé par « … »)."""

    colonnes: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...]
    legende: str = ""

    def _repr_pretty_(self, p, cycle) -> None:  # the text view in IPython
        p.text(str(self))

    def __str__(self) -> str:
        sortie = [self.legende] if self.legende else []
        sortie.append(" | ".join(self.colonnes))
        sortie += [" | ".join(l) for l in self.lignes]
        return "\n".join(sortie)

    def _repr_html_(self) -> str:
        cellule = ('style="text-align:left;vertical-align:top;padding:4px 10px;'
                   'white-space:normal;border-bottom:1px solid #d9d9d9"')
        entete = "".join(f"<th {cellule}>{html.escape(c)}</th>" for c in self.colonnes)
        corps = "".join("<tr>" + "".join(f"<td {cellule}>{html.escape(v)}</td>" for v in l)
                        + "</tr>" for l in self.lignes)
        legende = (f'<caption style="caption-side:top;text-align:left;font-weight:bold;'
                   f'padding:4px 0">{html.escape(self.legende)}</caption>' if self.legende else "")
        return (f'<table class="obm-tableau" style="border-collapse:collapse;max-width:100%;'
                f'table-layout:auto">{legende}<thead><tr>{entete}</tr></thead>'
                f"<tbody>{corps}</tbody></table>")


def tableau_equipe() -> Tableau:
    """L'équipe de Clara (``data/clara.toml``) : qui fait quoi, et comment chacune est payée.

    Toutes sont prestataires : un forfait d'heures réservées ou un prix par mission, jamais un
    salaire. C'est ce qui fixe la façon dont l'OBM leur confie le travail.
    """
    from obm.donnees import clara
    from obm.fr import euros, nombre

    lignes = []
    for personne in clara().equipe:
        if personne.contrat == "mission":
            facturation = (f"à la mission ({personne.mission}) : "
                           f"{euros(personne.budget_mission_ht)} HT")
        else:
            facturation = (f"au forfait : {nombre(personne.heures_par_semaine)}\u00a0h réservées par "
                           f"semaine, {euros(personne.taux_horaire_ht)} HT de l'heure")
        lignes.append((personne.prenom, personne.role, facturation))
    return Tableau(("prénom", "métier", "comment elle ou il facture"), tuple(lignes),
                   "L'équipe de Clara : quatre prestataires indépendants")


def heures_du_mois(heures: dict) -> "HeuresDuMois":
    """Additionne les heures d'un mois de travail (``{"poste": heures}``) et les compare au
    forfait d'au moins 20 heures par mois dont parlent des praticiennes."""
    if not isinstance(heures, dict) or not heures:
        raise DonneesInvalides('Donne les heures du mois dans un dictionnaire {"poste": heures}.')
    for poste, n in heures.items():
        if isinstance(n, bool) or not isinstance(n, (int, float)) or n < 0:
            raise DonneesInvalides(f"Les heures de « {poste} » doivent être un nombre positif, "
                                   f"pas {n!r}.")
    return HeuresDuMois(tuple((str(p), float(n)) for p, n in heures.items()))


FORFAIT_MINIMUM_HEURES = 20  # strive4.co.uk : un forfait d'au moins 20 h par mois pour une OBM


@dataclass(frozen=True)
class HeuresDuMois:
    """Les heures d'un mois, poste par poste, et leur total."""

    postes: tuple[tuple[str, float], ...]

    @property
    def total(self) -> float:
        return sum(n for _, n in self.postes)

    def _lignes(self) -> list[tuple[str, str]]:
        from obm.fr import nombre

        return [(p, f"{nombre(n)}\u00a0h") for p, n in self.postes] + [("total", f"{nombre(self.total)}\u00a0h")]

    def _phrase(self) -> str:
        from obm.fr import nombre

        ecart = self.total - FORFAIT_MINIMUM_HEURES
        if ecart > 0:
            return (f"Le forfait à prévoir dépasse de {nombre(ecart)}\u00a0h le minimum de "
                    f"{FORFAIT_MINIMUM_HEURES}\u00a0h par mois : c'est un mois chargé.")
        return f"Le forfait tient dans le minimum de {FORFAIT_MINIMUM_HEURES}\u00a0h par mois."

    def _repr_pretty_(self, p, cycle) -> None:  # the text view in IPython
        p.text(str(self))

    def __str__(self) -> str:
        from obm._affichage import texte

        return texte("Heures du mois", self._lignes(), [self._phrase()])

    def _repr_html_(self) -> str:
        from obm._affichage import bloc_html

        return bloc_html("Heures du mois", self._lignes(), [self._phrase()])
