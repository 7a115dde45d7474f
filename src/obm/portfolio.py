"""Ton portfolio d'OBM : une page qui rassemble ce que tu as construit pendant le cours.

``obm.portfolio(ma_presentation)`` écrit ``livrables/21_portfolio.html`` : ta présentation,
ton radar de compétences du début et de la fin, ton projet final, puis tes livrables module
par module (ceux que le syllabus annonce et que tes notebooks ont écrits dans ``livrables/``).

La page s'ouvre sans connexion : les images y sont embarquées, aucune police ni feuille de
style n'est chargée d'Internet, et les liens mènent seulement vers tes fichiers, rangés dans le
même dossier qu'elle. Elle s'imprime proprement (un module par page). Si WeasyPrint fonctionne
sur ton ordinateur, une version PDF est écrite à côté (``livrables/21_portfolio.pdf``).
"""

from __future__ import annotations

import base64
import csv
import datetime as _dt
import html
import os
import re
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from obm.erreurs import DonneesInvalides, TypeInvalide

NOM_HTML = "21_portfolio.html"
NOM_PDF = "21_portfolio.pdf"
RADAR_DEBUT = "00_radar_competences.png"
RADAR_FIN = "21_radar_competences_fin.png"
PROJET_FINAL = "21_projet_final.md"
# Shown in their own section at the top of the page (or, for the page itself, never listed).
_MONTRES_AILLEURS = {RADAR_DEBUT, RADAR_FIN, PROJET_FINAL}
_LA_PAGE_ELLE_MEME = {NOM_HTML, NOM_PDF}
# The presentation still holds the notebook's placeholder.
_PAS_ECRITE = {"", "...", "…"}
LIGNES_APERCU = 6
COLONNES_APERCU = 7
LONGUEUR_MAX_PRESENTATION = 3000



class PortfolioInvalide(DonneesInvalides):
    """Le portfolio ne peut pas être construit avec ce qui lui est donné."""


# --- The result -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Portfolio:
    """Ce que ``obm.portfolio()`` a écrit.

    - ``html`` : le chemin de la page (``livrables/21_portfolio.html``) ;
    - ``pdf`` : le chemin du PDF, ou ``None`` s'il n'a pas pu être fait ;
    - ``presents`` : les livrables trouvés et montrés ;
    - ``manquants`` : les livrables annoncés par le syllabus mais pas encore dans ``livrables/`` ;
    - ``remarques`` : des phrases en français (présentation à écrire, PDF impossible…).
    """

    html: Path
    pdf: Path | None
    presents: tuple[str, ...] = ()
    manquants: tuple[str, ...] = ()
    remarques: tuple[str, ...] = field(default_factory=tuple)

    def _lien(self) -> str:
        try:
            relatif = os.path.relpath(self.html, Path.cwd())
        except ValueError:  # another drive (Windows)
            relatif = str(self.html)
        return Path(relatif).as_posix()

    def __str__(self) -> str:
        from obm import fr

        lignes = [f"Ton portfolio est écrit : {self.html} ({fr.nombre(len(self.presents))} "
                  f"livrable{'s' if len(self.presents) > 1 else ''} montré"
                  f"{'s' if len(self.presents) > 1 else ''}, {fr.nombre(len(self.manquants))} "
                  "encore à faire)."]
        if self.pdf is not None:
            lignes.append(f"Sa version PDF : {self.pdf}.")
        lignes += list(self.remarques)
        return fr.typographie("\n".join(lignes))

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        from obm import fr

        lien = quote(self._lien())
        morceaux = [f"📄 **Ton portfolio est prêt** : [ouvre `{NOM_HTML}`]({lien}) dans "
                    "JupyterLab. Pour le voir comme une cliente le verra, ouvre ce fichier de ton "
                    "dossier `livrables/` dans ton navigateur (double-clic dans ton explorateur de "
                    "fichiers)."]
        pluriel = "s" if len(self.presents) > 1 else ""
        manquants = ""
        if self.manquants:
            suite = "…" if len(self.manquants) > 4 else ""
            manquants = f" ({', '.join(self.manquants[:4])}{suite})"
        morceaux.append(f"- {fr.nombre(len(self.presents))} livrable{pluriel} montré{pluriel} ; "
                        f"{fr.nombre(len(self.manquants))} encore à faire{manquants}.")
        if self.pdf is not None:
            lien_pdf = quote(Path(self._lien()).with_name(NOM_PDF).as_posix())
            morceaux.append(f"- Sa version PDF : [`{NOM_PDF}`]({lien_pdf}).")
        morceaux += [f"- {r}" for r in self.remarques]
        return fr.typographie_markdown("\n".join(morceaux))


# --- Reading the learner's files ---------------------------------------------------------------


def _echapper(texte) -> str:
    return html.escape(str(texte), quote=True)


def _dans_livrables(dossier: Path, nom: str) -> Path | None:
    """The file ``nom`` if it is a regular file really inside ``dossier`` (no link outside)."""
    chemin = dossier / nom
    try:
        if not chemin.is_file():
            return None
        if chemin.resolve().parent != dossier.resolve():
            return None
    except OSError:
        return None
    return chemin


def _rendu_markdown():
    """A Markdown renderer for her texts: raw HTML escaped, links only to her own files."""
    import mistune

    class Rendu(mistune.HTMLRenderer):
        def __init__(self, fichiers: set[str]):
            super().__init__(escape=True)
            self.fichiers = fichiers

        def link(self, text: str, url: str, title=None) -> str:
            cible = url.strip()
            if cible in self.fichiers:
                return f'<a href="{quote(cible)}">{text}</a>'
            # An address on the Internet or another folder: written as text, never followed.
            if cible and html.unescape(text).strip() != cible:
                return f'{text} <span class="adresse">({_echapper(cible)})</span>'
            return f'<span class="adresse">{text}</span>'

        def image(self, text: str, url: str, title=None) -> str:
            return f'<span class="adresse">[image : {text or _echapper(url)}]</span>'

        def heading(self, text: str, level: int, **attrs) -> str:
            # Her documents sit under the page's own titles (h1 for the page, h2 per section).
            niveau = min(level + 2, 6)
            return f"<h{niveau}>{text}</h{niveau}>\n"

    def rendre(texte: str, fichiers: set[str] = frozenset()) -> str:
        from obm.fr import typographie_markdown

        lecteur = mistune.create_markdown(renderer=Rendu(set(fichiers)), escape=True,
                                          plugins=["table", "strikethrough"])
        return lecteur(typographie_markdown(texte))

    return rendre


def _valeur_de_cellule(valeur) -> str:
    from obm import fr

    if valeur is None:
        return ""
    if isinstance(valeur, (bool, int, float, _dt.date, _dt.datetime)):
        try:
            if isinstance(valeur, float):
                return fr.nombre(valeur, 2 if valeur != round(valeur) else 0)
            return fr.fr(valeur)
        except Exception:
            return str(valeur)
    return str(valeur)


def _tableau(lignes: list[list], total_lignes: int, legende: str) -> str:
    from obm import fr

    if not lignes:
        return "<p>Ce tableau est vide.</p>"
    entete, corps = lignes[0], lignes[1:LIGNES_APERCU + 1]
    largeur = len(entete)
    coupe = largeur > COLONNES_APERCU

    def cellules(ligne, balise):
        valeurs = list(ligne[:COLONNES_APERCU])
        valeurs += [""] * (min(largeur, COLONNES_APERCU) - len(valeurs))
        texte = "".join(f"<{balise}>{_echapper(_valeur_de_cellule(v))}</{balise}>"
                        for v in valeurs)
        return texte + (f"<{balise}>…</{balise}>" if coupe else "")

    html_lignes = [f"<tr>{cellules(entete, 'th')}</tr>"]
    html_lignes += [f"<tr>{cellules(ligne, 'td')}</tr>" for ligne in corps]
    reste = total_lignes - 1 - len(corps)
    note = []
    if reste > 0:
        pluriel = "s" if reste > 1 else ""
        note.append(f"{fr.nombre(reste)} autre{pluriel} ligne{pluriel} dans le fichier")
    if coupe:
        note.append(f"{fr.nombre(largeur)} colonnes en tout")
    pied = f'<p class="note">Aperçu : {", ".join(note)}.</p>' if note else ""
    return (f'<table><caption>{_echapper(legende)}</caption>{"".join(html_lignes)}</table>{pied}')


def _apercu_csv(chemin: Path) -> str:
    with open(chemin, encoding="utf-8-sig", newline="") as f:
        texte = f.read()
    premiere = texte.split("\n", 1)[0]
    separateur = ";" if premiere.count(";") > premiere.count(",") else ","
    lignes = list(csv.reader(texte.splitlines(), delimiter=separateur))
    lignes = [ligne for ligne in lignes if any(c.strip() for c in ligne)]
    return _tableau(lignes, len(lignes), f"Les premières lignes de {chemin.name}")


def _apercu_xlsx(chemin: Path) -> str:
    import openpyxl

    classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=True)
    try:
        # A « Lisez-moi » sheet first explains the workbook: the preview shows the first real one.
        feuilles = [f for f in classeur.worksheets
                    if not f.title.strip().lower().startswith(("lisez", "lis-moi", "mode d"))]
        feuille = (feuilles or classeur.worksheets)[0]
        lignes = []
        for ligne in feuille.iter_rows(values_only=True):
            if any(v not in (None, "") for v in ligne):
                lignes.append(list(ligne))
        noms, montree = classeur.sheetnames, feuille.title
    finally:
        classeur.close()
    # Columns left empty on the right (formatting only) are not shown.
    largeur = max((max((i + 1 for i, v in enumerate(ligne) if v not in (None, "")), default=0)
                   for ligne in lignes), default=0)
    lignes = [ligne[:largeur] for ligne in lignes]
    autres = ""
    if len(noms) > 1:
        autres = (f'<p class="note">Le classeur a {len(noms)} feuilles : '
                  f'{_echapper(", ".join(noms))} ; voici « {_echapper(montree)} ».</p>')
    return autres + _tableau(lignes, len(lignes), f"La feuille « {montree} » de {chemin.name}")


def _apercu_ics(chemin: Path) -> str:
    import icalendar

    from obm import fr

    calendrier = icalendar.Calendar.from_ical(chemin.read_bytes())
    evenements = []
    for evenement in calendrier.walk("VEVENT"):
        debut = evenement.decoded("DTSTART", None)
        if debut is None:
            continue
        jour = debut.date() if isinstance(debut, _dt.datetime) else debut
        evenements.append((jour, str(evenement.get("SUMMARY", ""))))
    if not evenements:
        return "<p>Ce calendrier ne contient aucun événement.</p>"
    evenements.sort(key=lambda e: e[0])
    n = len(evenements)
    texte = (f"<p>Un calendrier de {fr.nombre(n)} événement{'s' if n > 1 else ''}, du "
             f"{_echapper(fr.date(evenements[0][0]))} au {_echapper(fr.date(evenements[-1][0]))}. "
             "Il s'importe dans Google Agenda, Outlook ou Apple Calendrier.</p>")
    premiers = "".join(f"<li>{_echapper(fr.date(j, 'court'))} : {_echapper(t)}</li>"
                       for j, t in evenements[:3])
    return (texte + f'<p class="note">Les premiers événements :</p>'
            f'<ul class="evenements">{premiers}</ul>')


def _texte_alternatif_png(chemin: Path, defaut: str) -> str:
    try:
        from PIL import Image

        with Image.open(chemin) as image:
            texte = (image.info or {}).get("Description") or ""
    except Exception:
        texte = ""
    return str(texte).strip() or defaut


def _image(chemin: Path, alternatif: str) -> str:
    donnees = base64.b64encode(chemin.read_bytes()).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{donnees}" alt="{_echapper(alternatif)}">'
            f"<figcaption>{_echapper(alternatif)}</figcaption></figure>")


def _lien(nom: str) -> str:
    return f'<a href="{quote(nom)}">{_echapper(nom)}</a>'


# --- Building the page -------------------------------------------------------------------------


STYLE = """
:root { --encre: #1f1a24; --accent: #5b1a86; --doux: #f6f2fa; --bord: #d9cfe3; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       color: var(--encre); background: #fff; line-height: 1.5; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
h1 { color: var(--accent); font-size: 2rem; margin: 0.2rem 0; }
h2 { color: var(--accent); border-bottom: 1px solid var(--bord); padding-bottom: 0.2rem;
     margin-top: 2.2rem; }
h3 { margin: 1.2rem 0 0.4rem; }
.sous-titre { margin: 0 0 0.8rem; color: #4a4150; }
nav ol { columns: 2; padding-left: 1.4rem; }
a { color: var(--accent); }
.presentation { background: var(--doux); border-left: 4px solid var(--accent);
                padding: 0.6rem 1rem; font-size: 1.08rem; }
.radars { display: flex; flex-wrap: wrap; gap: 1rem; }
.radars > div { flex: 1 1 26rem; }
figure { margin: 0.5rem 0; }
img { max-width: 100%; height: auto; border: 1px solid var(--bord); }
figcaption, .note { font-size: 0.9rem; color: #4a4150; }
.livrable { border: 1px solid var(--bord); border-radius: 6px; padding: 0.2rem 1rem 0.8rem;
            margin: 0.8rem 0; }
.document { max-height: 32rem; overflow: auto; }
.manquant { color: #6b4a00; }
.a-garder { font-style: italic; }
table { border-collapse: collapse; font-size: 0.88rem; margin: 0.4rem 0; display: block;
        overflow-x: auto; }
caption { text-align: left; font-size: 0.9rem; color: #4a4150; padding-bottom: 0.2rem; }
th, td { border: 1px solid var(--bord); padding: 0.2rem 0.45rem; text-align: left;
         vertical-align: top; }
th { background: var(--doux); }
.adresse { overflow-wrap: anywhere; }
footer { margin-top: 3rem; font-size: 0.9rem; color: #4a4150; border-top: 1px solid var(--bord); }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { background: #fff; color: #000; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: #000; }
  .module { break-before: page; }
  .livrable, figure, table, tr { break-inside: avoid; }
  .document { max-height: none; overflow: visible; }
  table { display: table; }
  .presentation, th { background: #fff; }
  h1, h2 { color: #000; }
}
"""


def _section_presentation(presentation: str | None, rendre) -> str:
    titre = '<section id="presentation"><h2>Qui je suis</h2>'
    if presentation is None:
        return (titre + '<p class="manquant">○ Présentation pas encore écrite : dans le notebook '
                "du portfolio (module 21), écris 3 à 6 phrases dans <code>ma_presentation</code>, "
                "puis relance la construction.</p></section>")
    return titre + f'<div class="presentation">{rendre(presentation)}</div></section>'


def _pas_encore_voir_plus_haut(nom: str) -> str:
    """A missing file that an earlier section of the page shows: said once, pointing up."""
    return (f'<p class="manquant">○ <code>{_echapper(nom)}</code> : pas encore dans ce portfolio '
            "(voir plus haut).</p>")


def _section_radars(dossier: Path) -> tuple[str, list[str], list[str]]:
    presents, manquants = [], []
    blocs = []
    for nom, titre, defaut, absent in (
        (RADAR_DEBUT, "Au début du parcours (module 00)",
         "Mon radar de compétences au début du parcours.",
         "l'autoévaluation de départ, leçon du module 00"),
        (RADAR_FIN, "À la fin du parcours (module 21)",
         "Mon radar de compétences à la fin du parcours, celui du début en pointillés.",
         "l'autoévaluation de fin, notebook du portfolio du module 21"),
    ):
        chemin = _dans_livrables(dossier, nom)
        if chemin is None and nom in _MONTRES_AILLEURS:
            manquants.append(nom)
            blocs.append(_pas_encore_voir_plus_haut(nom))
            continue
        if chemin is None:
            manquants.append(nom)
            blocs.append(f'<div><h3>{titre}</h3><p class="manquant">○ Pas encore dans ce '
                         f"portfolio : <code>{_echapper(nom)}</code> ({absent}).</p></div>")
        else:
            presents.append(nom)
            # The radar's own text speaks to her (« tes compétences »); the page speaks as her.
            alternatif = _texte_alternatif_png(chemin, defaut).replace(
                "Radar de tes ", "Radar de mes ", 1)
            blocs.append(f"<div><h3>{titre}</h3>{_image(chemin, alternatif)}"
                         f'<p class="note">Le fichier : {_lien(nom)}</p></div>')
    html_ = ('<section id="competences"><h2>Mes compétences, du début à la fin</h2>'
             "<p>Mes 18 compétences d'Online Business Manager, notées de 1 (je découvre) à 5 "
             "(je pourrais l'enseigner).</p>"
             f'<div class="radars">{"".join(blocs)}</div></section>')
    return html_, presents, manquants


def _section_projet_final(dossier: Path, rendre, fichiers: set[str]) -> tuple[str, bool]:
    chemin = _dans_livrables(dossier, PROJET_FINAL)
    titre = '<section id="projet-final"><h2>Mon projet final</h2>'
    if chemin is None:
        return (titre + '<p class="manquant">○ Pas encore dans ce portfolio : '
                f"<code>{PROJET_FINAL}</code> (il est écrit par l'exercice du module 21).</p>"
                "</section>", False)
    texte = chemin.read_text(encoding="utf-8", errors="replace")
    return (titre + f'<div class="document">{rendre(texte, fichiers)}</div>'
            f'<p class="note">Le fichier : {_lien(PROJET_FINAL)}</p></section>', True)


def _apercu(chemin: Path, module, rendre, fichiers: set[str]) -> str:
    suffixe = chemin.suffix.lower()
    try:
        if suffixe == ".png":
            defaut = f"Image du module {module.numero} ({module.titre}) : {chemin.name}."
            return _image(chemin, _texte_alternatif_png(chemin, defaut))
        if suffixe == ".md":
            texte = chemin.read_text(encoding="utf-8", errors="replace")
            return f'<div class="document">{rendre(texte, fichiers)}</div>'
        if suffixe == ".csv":
            return _apercu_csv(chemin)
        if suffixe == ".xlsx":
            return _apercu_xlsx(chemin)
        if suffixe == ".ics":
            return _apercu_ics(chemin)
        if suffixe in (".html", ".htm"):
            return "<p>Une page à ouvrir dans le navigateur (le lien ci-dessus).</p>"
    except Exception:  # a damaged file is said, the page is still built
        return (f'<p class="manquant">○ Ce fichier n\'a pas pu être lu : refais le module '
                "pour le réécrire.</p>")
    return "<p>Le fichier est à côté de cette page (le lien ci-dessus).</p>"


def _a_la_premiere_personne(texte: str) -> str:
    """The syllabus speaks to the learner (« tes 18 compétences »); the page speaks as her."""
    mots = {"ton": "mon", "ta": "ma", "tes": "mes", "toi": "moi", "Ton": "Mon", "Ta": "Ma", "Tes": "Mes"}
    texte = re.sub(r"(?<![\w'’-])(ton|ta|tes|toi|Ton|Ta|Tes)(?![\w'’-])", lambda m: mots[m.group(1)], texte)
    # After « Objectif du module : », a lower-case start (« prendre en main »), acronyms kept.
    return texte[:1].lower() + texte[1:] if texte[1:2].islower() else texte


def _section_module(module, dossier: Path, rendre, fichiers: set[str]):
    presents, manquants, blocs = [], [], []
    for nom in module.livrables:
        if nom in _LA_PAGE_ELLE_MEME:
            continue
        chemin = _dans_livrables(dossier, nom)
        if chemin is None and nom in _MONTRES_AILLEURS:
            manquants.append(nom)
            blocs.append(_pas_encore_voir_plus_haut(nom))
            continue
        if chemin is None:
            manquants.append(nom)
            blocs.append(f'<p class="manquant">○ Pas encore dans ce portfolio : '
                         f"<code>{_echapper(nom)}</code> (leçon et exercice du module "
                         f"{module.numero}).</p>")
            continue
        presents.append(nom)
        if nom in _MONTRES_AILLEURS:
            blocs.append(f'<p>{_lien(nom)} : montré plus haut dans cette page.</p>')
            continue
        blocs.append(f'<article class="livrable"><h3>{_lien(nom)}</h3>'
                     f"{_apercu(chemin, module, rendre, fichiers)}</article>")
    section = (f'<section class="module" id="module-{module.numero}">'
               f"<h2>{module.numero} · {_echapper(module.titre)}</h2>"
               f'<p class="a-garder">Objectif du module : '
               f'{_echapper(_a_la_premiere_personne(module.objectif))}</p>{"".join(blocs)}</section>')
    return section, presents, manquants


def _page(presentation: str | None, dossier: Path, syllabus, aujourd_hui: _dt.date):
    from obm import fr

    rendre = _rendu_markdown()
    modules = [m for m in syllabus.modules if any(n not in _LA_PAGE_ELLE_MEME for n in m.livrables)]
    fichiers = {n for m in modules for n in m.livrables} | _MONTRES_AILLEURS
    fichiers = {n for n in fichiers if _dans_livrables(dossier, n) is not None}

    presents, manquants = [], []
    radars, p, m = _section_radars(dossier)
    presents += p
    manquants += m
    projet, projet_present = _section_projet_final(dossier, rendre, fichiers)
    (presents if projet_present else manquants).append(PROJET_FINAL)
    sections_modules = []
    for module in modules:
        section, p, m = _section_module(module, dossier, rendre, fichiers)
        sections_modules.append(section)
        presents += [n for n in p if n not in presents]
        manquants += [n for n in m if n not in manquants]

    sommaire = "".join(
        [f'<li><a href="#{ancre}">{titre}</a></li>' for ancre, titre in (
            ("presentation", "Qui je suis"), ("competences", "Mes compétences"),
            ("projet-final", "Mon projet final"))]
        + [f'<li><a href="#module-{m.numero}">{m.numero} · {_echapper(m.titre)}</a></li>'
           for m in modules])
    n = len(presents)
    corps = (
        f"<header><h1>Mon portfolio d'Online Business Manager</h1>"
        f'<p class="sous-titre">Ce que j\'ai construit pendant l\'Académie OBM · page du '
        f"{_echapper(fr.date(aujourd_hui, 'long'))} · {fr.nombre(n)} livrable"
        f"{'s' if n > 1 else ''}</p></header>"
        f'<nav aria-label="Sommaire"><h2>Sommaire</h2><ol>{sommaire}</ol></nav>'
        f"{_section_presentation(presentation, rendre)}{radars}{projet}"
        f'<h2 id="livrables">Mes livrables, module par module</h2>'
        "<p>Chaque fichier lié est rangé dans le même dossier que cette page.</p>"
        f"{''.join(sections_modules)}"
        "<footer><p>Page construite avec la bibliothèque du cours (<code>obm.portfolio()</code>). "
        "Elle s'ouvre sans connexion ; pour l'imprimer ou en faire un PDF : Fichier › Imprimer, "
        "puis « Enregistrer au format PDF ».</p></footer>")
    page = ('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>Mon portfolio d'Online Business Manager</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{fr.typographie_markdown(corps)}\n"
            "</main>\n</body>\n</html>\n")
    return page, presents, manquants


def _valider_presentation(presentation) -> str | None:
    if presentation is None or presentation is Ellipsis:
        return None
    if not isinstance(presentation, str):
        raise TypeInvalide(
            "Ta présentation doit être un texte entre guillemets, pas "
            f"{type(presentation).__name__} : par exemple "
            'obm.portfolio("Je suis OBM et j\'accompagne…").')
    texte = presentation.strip()
    if texte in _PAS_ECRITE:
        return None
    if len(texte) > LONGUEUR_MAX_PRESENTATION:
        raise PortfolioInvalide(
            f"Ta présentation fait {len(texte)} caractères : garde-la courte (3 à 6 phrases, "
            f"moins de {LONGUEUR_MAX_PRESENTATION} caractères) ; les détails sont dans tes "
            "livrables.")
    return texte


def _ecrire_pdf(page: str, chemin: Path) -> str | None:
    """Writes the PDF with WeasyPrint; returns None, or a French sentence saying why not."""
    aide = ("Pour en faire un PDF toi-même : ouvre la page dans ton navigateur, puis Fichier › "
            "Imprimer › « Enregistrer au format PDF ».")
    try:
        import weasyprint
    except ImportError:
        return f"Pas de PDF : WeasyPrint n'est pas installé. {aide}"
    except OSError:
        # WeasyPrint loads Pango through cffi when imported: the system library is missing.
        return ("Pas de PDF : la bibliothèque système Pango manque sur cet ordinateur (sous "
                "Debian ou Ubuntu : apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                f"libharfbuzz-subset0 ; ailleurs, voir l'installation de WeasyPrint). {aide}")
    try:
        # Only data: URIs (the embedded images): nothing is fetched, not even a local file.
        recuperateur = weasyprint.URLFetcher(allowed_protocols=["data"])
        weasyprint.HTML(string=page, base_url=str(chemin.parent),
                        url_fetcher=recuperateur).write_pdf(chemin)
    except Exception as erreur:
        chemin.unlink(missing_ok=True)
        return f"Pas de PDF : WeasyPrint a échoué ({type(erreur).__name__}). {aide}"
    return None


def portfolio(presentation: str | None = None, *, pdf: bool = True, syllabus=None,
              aujourd_hui: _dt.date | None = None) -> Portfolio:
    """Construit ton portfolio : une page HTML (et un PDF si possible) dans ``livrables/``.

    - ``presentation`` : 3 à 6 phrases sur toi, en français (du texte ; le Markdown simple,
      comme ``**gras**`` ou une liste, est mis en forme) ;
    - ``pdf`` : ``False`` pour ne pas écrire la version PDF.

    La page montre ta présentation, ton radar de compétences du début (module 00) et de la fin
    (module 21), ton projet final, puis tes livrables de chaque module ; ceux qui manquent sont
    dits. Renvoie un objet qui donne le lien pour ouvrir la page.
    """
    from obm.livrables import dossier_livrables
    from obm.syllabus import charger

    texte = _valider_presentation(presentation)
    syllabus = syllabus or charger()
    dossier = dossier_livrables()
    aujourd_hui = aujourd_hui or _dt.date.today()
    page, presents, manquants = _page(texte, dossier, syllabus, aujourd_hui)
    chemin_html = dossier / NOM_HTML
    chemin_html.write_text(page, encoding="utf-8")
    remarques = []
    if texte is None:
        remarques.append("Ta présentation n'est pas encore écrite : mets 3 à 6 phrases dans "
                         "ma_presentation, puis relance obm.portfolio(ma_presentation).")
    chemin_pdf = None
    if pdf:
        probleme = _ecrire_pdf(page, dossier / NOM_PDF)
        if probleme is None:
            chemin_pdf = dossier / NOM_PDF
        else:
            remarques.append(probleme)
    return Portfolio(chemin_html, chemin_pdf, tuple(presents), tuple(manquants), tuple(remarques))


class _ModuleAppelable(types.ModuleType):
    # `obm.portfolio` names both this module and the function (as obm.progression does): once
    # the submodule is imported, Python binds it to the attribute `obm.portfolio`.
    def __call__(self, presentation: str | None = None, **options) -> Portfolio:
        return portfolio(presentation, **options)


sys.modules[__name__].__class__ = _ModuleAppelable
