"""The learner's portfolio (obm.portfolio): one page that gathers her deliverables, opens offline,
links only her own files, and prints well; a PDF beside it when WeasyPrint works."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import obm
from obm import autoevaluation, fr
from obm.erreurs import ErreurOBM, TypeInvalide
from obm.portfolio import NOM_HTML, NOM_PDF, PortfolioInvalide
from obm.syllabus import charger

RACINE = Path(__file__).resolve().parents[1]
SYLLABUS = charger(RACINE / "course" / "syllabus.toml")
JOUR = date(2027, 6, 28)
# Elements without a closing tag in HTML.
VIDES = {"meta", "img", "br", "hr", "link", "input", "col", "source", "wbr"}


@pytest.fixture
def livrables(tmp_path, monkeypatch, obm_home):
    dossier = tmp_path / "livrables"
    dossier.mkdir()
    monkeypatch.setenv("OBM_LIVRABLES", str(dossier))
    return dossier


class Lecteur(HTMLParser):
    """Reads the page as html.parser does, checking that every element is closed in order."""

    def __init__(self):
        super().__init__()
        self.pile: list[str] = []
        self.erreurs: list[str] = []
        self.adresses: list[tuple[str, str, str]] = []
        self.images: list[dict] = []
        self.balises: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributs = dict(attrs)
        self.balises.append(tag)
        for nom in ("href", "src", "action", "poster"):
            if attributs.get(nom) is not None:
                self.adresses.append((tag, nom, attributs[nom]))
        if tag == "img":
            self.images.append(attributs)
        if tag not in VIDES:
            self.pile.append(tag)

    def handle_endtag(self, tag):
        if not self.pile or self.pile[-1] != tag:
            self.erreurs.append(f"</{tag}> alors que <{self.pile[-1] if self.pile else '—'}> est ouvert")
        else:
            self.pile.pop()


def lire(chemin: Path) -> Lecteur:
    lecteur = Lecteur()
    lecteur.feed(chemin.read_text(encoding="utf-8"))
    lecteur.close()
    assert not lecteur.erreurs, lecteur.erreurs[:5]
    assert not lecteur.pile, f"balises jamais fermées : {lecteur.pile}"
    return lecteur


def adresses_externes(lecteur: Lecteur, dossier: Path) -> list[str]:
    """Every address that is not an embedded image, an anchor or a file inside ``dossier``."""
    mauvaises = []
    for _tag, _nom, adresse in lecteur.adresses:
        if adresse.startswith("data:image/png;base64,") or adresse.startswith("#"):
            continue
        morceaux = urlsplit(adresse)
        cible = dossier / unquote(morceaux.path)
        if (morceaux.scheme or morceaux.netloc or adresse.startswith("/")
                or not cible.is_file() or cible.resolve().parent != dossier.resolve()):
            mauvaises.append(adresse)
    return mauvaises


def png(chemin: Path, description: str | None = None) -> Path:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 2))
    figure.add_subplot().plot([1, 2, 3], [2, 1, 3])
    figure.savefig(chemin, format="png", metadata={"Description": description} if description else None)
    return chemin


def test_presentation_echappee_et_markdown_simple(livrables):
    """Is the presentation text, not HTML (a script is shown, never run), with **bold** rendered?"""
    resultat = obm.portfolio("Je suis **OBM** <script>alert('x')</script> & fière : oui !", pdf=False,
                             aujourd_hui=JOUR)
    page = resultat.html.read_text(encoding="utf-8")
    assert resultat.html == livrables / NOM_HTML
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "<strong>OBM</strong>" in page and "&amp; fière" in page
    # French typography on her text too: a no-break space before « : » and « ! ».
    assert "fière\u202f: oui\u202f!" in page
    lire(resultat.html)


@pytest.mark.parametrize("presentation", [None, "...", "  ", ...])
def test_presentation_pas_encore_ecrite(livrables, presentation):
    """With the notebook's placeholder, is the page still built, saying the presentation is to write?"""
    resultat = obm.portfolio(presentation, pdf=False, aujourd_hui=JOUR)
    assert "Présentation pas encore écrite" in resultat.html.read_text(encoding="utf-8")
    assert any("présentation n'est pas encore écrite" in r for r in resultat.remarques)


@pytest.mark.parametrize("presentation, erreur", [(42, TypeInvalide), (["Je suis"], TypeInvalide),
                                                  ("Je suis OBM. " * 400, PortfolioInvalide)])
def test_presentation_invalide_erreur_en_francais(livrables, presentation, erreur):
    """A number, a list or a text of pages: is it refused with an obm error in French?"""
    with pytest.raises(erreur) as probleme:
        obm.portfolio(presentation, pdf=False)
    assert isinstance(probleme.value, ErreurOBM)
    assert "présentation" in str(probleme.value)
    assert not (livrables / NOM_HTML).exists()


def test_livrables_absents_dits_sans_erreur(livrables):
    """With an empty livrables/, does the page name every missing deliverable of the syllabus,
    and both radars and the final project as not there yet?"""
    resultat = obm.portfolio("Je suis OBM.", pdf=False, aujourd_hui=JOUR)
    page = resultat.html.read_text(encoding="utf-8")
    assert resultat.presents == ()
    attendus = {n for m in SYLLABUS.modules for n in m.livrables if n not in (NOM_HTML, NOM_PDF)}
    assert attendus <= set(resultat.manquants)
    assert {"00_radar_competences.png", "21_radar_competences_fin.png", "21_projet_final.md"} <= set(
        resultat.manquants)
    for nom in attendus:
        assert f"<code>{nom}</code>" in page, nom
    assert "(leçon et exercice du module 03)" in page
    assert "ton dossier" not in page and "ton " not in page.split('<body', 1)[1]
    lecteur = lire(resultat.html)
    assert not adresses_externes(lecteur, livrables)
    assert "0 encore à faire" not in str(resultat)


def test_images_embarquees_avec_texte_alternatif(livrables):
    """Are the radars and the module images embedded as data URIs, each with a French alt text
    (the one the image carries, or one naming the module)?"""
    png(livrables / "00_radar_competences.png", "Radar de tes 18 compétences d'OBM, notées de 1 à 5.")
    png(livrables / "21_radar_competences_fin.png")
    png(livrables / "04_coordination_charge.png")
    resultat = obm.portfolio("Je suis OBM.", pdf=False, aujourd_hui=JOUR)
    lecteur = lire(resultat.html)
    assert len(lecteur.images) == 3
    assert all(i["src"].startswith("data:image/png;base64,") for i in lecteur.images)
    textes = [i["alt"] for i in lecteur.images]
    assert "Radar de mes 18 compétences d'OBM, notées de 1 à 5." in textes
    assert any("fin du parcours" in t for t in textes)
    assert any("module 04" in t and "Coordonner" in t for t in textes)
    assert not adresses_externes(lecteur, livrables)
    assert {"00_radar_competences.png", "04_coordination_charge.png"} <= set(resultat.presents)


def test_aucune_adresse_absolue_ni_fichier_hors_livrables(livrables, tmp_path):
    """Links and images in her documents (http, an absolute path, ../), a file of livrables/ that
    is a link to a file outside: is none of them followed or linked, and no online resource loaded?"""
    secret = tmp_path / "secret.ics"
    secret.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", encoding="utf-8")
    (livrables / "03_retroplanning_clara.ics").symlink_to(secret)
    (livrables / "07_modele_sop.md").write_text(
        "# Mon modèle de SOP\n\nVoir [le site](https://exemple.fr/sop), [un fichier](/etc/passwd), "
        "[à côté](../secret.ics), <https://exemple.fr> et ![une image](http://exemple.fr/a.png).\n\n"
        "Et [mon calendrier](06_registre_des_risques.csv).\n", encoding="utf-8")
    (livrables / "06_registre_des_risques.csv").write_text("risque;probabilite\nretard;0,3\n",
                                                           encoding="utf-8")
    resultat = obm.portfolio("Mon site : [ici](http://moi.fr).", pdf=False, aujourd_hui=JOUR)
    page = resultat.html.read_text(encoding="utf-8")
    lecteur = lire(resultat.html)
    assert not adresses_externes(lecteur, livrables), adresses_externes(lecteur, livrables)
    assert all("http" not in a and "secret" not in a for _, _, a in lecteur.adresses)
    # The addresses stay readable as text; the link to her own CSV stays a link.
    assert "https://exemple.fr/sop" in page and 'href="06_registre_des_risques.csv"' in page
    assert "03_retroplanning_clara.ics" in resultat.manquants
    assert not {"script", "link", "iframe", "object", "embed"} & set(lecteur.balises)
    assert "@import" not in page and "url(" not in page


def test_tableaux_et_calendrier_resumes(livrables):
    """A CSV and an xlsx shown as small tables, a calendar summed up (count, first and last date)?"""
    import icalendar
    import openpyxl

    lignes = ["id;tache;duree"] + [f"T{i};Tâche {i};{i}" for i in range(1, 13)]
    (livrables / "06_registre_des_risques.csv").write_text("\n".join(lignes), encoding="utf-8-sig")
    classeur = openpyxl.Workbook()
    classeur.active.title = "Lisez-moi"
    classeur.active.append(["Ce classeur se lit de gauche à droite."])
    feuille = classeur.create_sheet("Budget")
    feuille.append(["poste", "montant"])
    feuille.append(["Publicité", 2500.0])
    classeur.create_sheet("Trésorerie")
    classeur.save(livrables / "19_budget_tresorerie.xlsx")
    calendrier = icalendar.Calendar()
    for jour, titre in ((date(2027, 5, 14), "Fin des vidéos"), (date(2027, 3, 1), "Tournage"),
                        (date(2027, 4, 26), "Prélancement")):
        evenement = icalendar.Event()
        evenement.add("summary", titre)
        evenement.add("dtstart", jour)
        calendrier.add_component(evenement)
    (livrables / "03_retroplanning_clara.ics").write_bytes(calendrier.to_ical())

    page = obm.portfolio("Je suis OBM.", pdf=False, aujourd_hui=JOUR).html.read_text(encoding="utf-8")
    assert "<th>tache</th>" in page and "<td>Tâche 6</td>" in page and "Tâche 7" not in page
    assert "6 autres lignes dans le fichier" in page
    assert "<td>Publicité</td>" in page and f"<td>{fr.nombre(2500)}</td>" in page
    # The « Lisez-moi » sheet is named, the first real sheet is the one shown.
    assert "3 feuilles" in page and "Trésorerie" in page and "Ce classeur se lit" not in page
    assert "voici «\u202fBudget\u202f»" in page
    assert f"3 événements, du {fr.date(date(2027, 3, 1))} au {fr.date(date(2027, 5, 14))}" in page
    assert page.index("Tournage") < page.index("Prélancement") < page.index("Fin des vidéos")


def test_fichier_abime_dit_sans_erreur(livrables):
    """A damaged spreadsheet or calendar: is the page still built, saying which file to rewrite?"""
    (livrables / "19_budget_tresorerie.xlsx").write_bytes(b"pas un classeur")
    (livrables / "03_retroplanning_clara.ics").write_text("n'importe quoi", encoding="utf-8")
    resultat = obm.portfolio("Je suis OBM.", pdf=False, aujourd_hui=JOUR)
    page = resultat.html.read_text(encoding="utf-8")
    assert page.count("Ce fichier n'a pas pu être lu") == 2
    assert {"19_budget_tresorerie.xlsx", "03_retroplanning_clara.ics"} <= set(resultat.presents)
    lire(resultat.html)


def test_projet_final_et_page_imprimable(livrables):
    """Is the final project rendered (its headings under the page's), and does the style print
    well: a print stylesheet, a page break before each module, no dark background, French?"""
    (livrables / "21_projet_final.md").write_text(
        "# Projet final : le lancement de Nadia\n\n## Recommandation\n\nAvancer le webinaire.\n",
        encoding="utf-8")
    resultat = obm.portfolio("Je suis OBM.", pdf=False, aujourd_hui=JOUR)
    page = resultat.html.read_text(encoding="utf-8")
    assert "<h3>Projet final\u202f: le lancement de Nadia</h3>" in page
    assert "<h4>Recommandation</h4>" in page
    assert "21_projet_final.md" in resultat.presents
    assert '<html lang="fr">' in page and "@media print" in page
    impression = page.split("@media print", 1)[1]
    assert "break-before: page" in impression and "background: #fff" in impression
    assert "Mon portfolio d'Online Business Manager" in page
    assert fr.date(JOUR, "long") in page


def test_pdf_lu_par_pypdf(livrables):
    """With WeasyPrint (a dependency of the course), is a PDF written, and does pypdf read her
    presentation and a page per module in it?"""
    import pypdf

    png(livrables / "00_radar_competences.png")
    resultat = obm.portfolio("Je suis Online Business Manager depuis peu.", aujourd_hui=JOUR)
    assert resultat.pdf == livrables / NOM_PDF, resultat.remarques
    lecteur = pypdf.PdfReader(resultat.pdf)
    texte = " ".join(p.extract_text() for p in lecteur.pages)
    assert "Online Business Manager depuis peu" in texte
    # One module per printed page: each module's title opens a page.
    debuts = [p.extract_text().lstrip()[:60] for p in lecteur.pages]
    for module in (m for m in SYLLABUS.modules
                   if any(n not in (NOM_HTML, NOM_PDF) for n in m.livrables)):
        titre = f"{module.numero} · {module.titre}"
        assert any(d.startswith(titre) for d in debuts), (titre, debuts)


def test_sans_weasyprint_le_html_reste_et_le_message_guide(livrables, monkeypatch):
    """When the PDF cannot be made (WeasyPrint or its system library missing), is the page still
    written, and does a French message say how to print to PDF from the browser?"""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    resultat = obm.portfolio("Je suis OBM.", aujourd_hui=JOUR)
    assert resultat.html.is_file() and resultat.pdf is None
    assert not (livrables / NOM_PDF).exists()
    message = " ".join(resultat.remarques)
    assert "Pas de PDF" in message and "Imprimer" in message and "Enregistrer au format PDF" in message
    assert "Pas de PDF" in resultat._repr_markdown_()


def test_lien_pour_ouvrir_la_page(livrables, tmp_path, monkeypatch):
    """Does the result give a relative link to the page from the notebook's folder?"""
    notebook = tmp_path / "cours" / "course" / "modules" / "21_projet_final"
    notebook.mkdir(parents=True)
    monkeypatch.chdir(notebook)
    texte = obm.portfolio("Je suis OBM.", pdf=False)._repr_markdown_()
    assert "](../../../../livrables/21_portfolio.html)" in texte
    assert "Ton portfolio est prêt" in texte


def test_import_obm_reste_leger():
    """Is obm.portfolio reachable from `import obm` without loading it (nor WeasyPrint, Markdown,
    pandas or matplotlib) until it is called?"""
    code = ("import sys, obm; assert 'obm.portfolio' not in sys.modules; "
            "import obm.portfolio; assert callable(obm.portfolio); "
            "print([m for m in ('weasyprint', 'mistune', 'pandas', 'matplotlib', 'openpyxl') "
            "if m in sys.modules])")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ}, cwd=RACINE)
    assert sortie.stdout.strip() == "[]"
    assert "portfolio" in obm.__all__


def test_radar_de_fin_sans_toucher_celui_du_debut(livrables):
    """Does the end-of-course radar go to its own file, the first self-assessment dashed, and leave
    the module 00 radar as it was?"""
    from datetime import datetime

    debut = {code: 2 for code in SYLLABUS.competences}
    fin = {code: 4 for code in SYLLABUS.competences}
    autoevaluation.enregistrer(debut, quand=datetime(2027, 1, 11, 9, 0))
    radar_debut = autoevaluation.exporter_radar()
    contenu = radar_debut.read_bytes()
    with pytest.raises(ErreurOBM):
        autoevaluation.exporter_radar_fin()  # one self-assessment only: the end is not saved yet
    autoevaluation.enregistrer(fin, quand=datetime(2027, 6, 28, 17, 0))
    chemin = autoevaluation.exporter_radar_fin()
    assert chemin == livrables / "21_radar_competences_fin.png"
    assert radar_debut.read_bytes() == contenu
    from PIL import Image

    with Image.open(chemin) as image:
        assert "fin de parcours" in image.info["Title"]
        assert "début du parcours" in image.info["Description"]
    assert autoevaluation.premiere()["notes"] == debut


def test_widget_fin_de_parcours(livrables):
    """Without a browser: does the end-of-course form draw the first self-assessment dashed, write
    livrables/21_radar_competences_fin.png, and on « Enregistrer » keep the 00 radar untouched?"""
    from datetime import datetime

    from obm.widgets import autoevaluation_competences

    autoevaluation.enregistrer({code: 2 for code in SYLLABUS.competences},
                               quand=datetime(2027, 1, 11, 9, 0))
    radar_debut = autoevaluation.exporter_radar()
    contenu = radar_debut.read_bytes()
    formulaire = autoevaluation_competences(fin_de_parcours=True)
    assert formulaire.reference == autoevaluation.premiere()
    assert formulaire.chemin_radar == livrables / "21_radar_competences_fin.png"
    # Not saved at the end yet: no end radar, which would only repeat the start.
    assert not formulaire.chemin_radar.exists()
    assert "quand tu cliqueras" in formulaire.message.value
    for curseur in formulaire.curseurs.values():
        curseur.value = 4
    formulaire._enregistrer()
    assert len(autoevaluation.historique()) == 2
    assert radar_debut.read_bytes() == contenu
    assert "21_radar_competences_fin.png" in formulaire.message.value
    page = obm.portfolio("Je suis OBM.", pdf=False).html.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 2


def test_relancer_la_lecon_00_garde_le_radar_du_debut(livrables):
    """After the end-of-course self-assessment, does re-running lesson 00's form leave the starting
    radar (the one the portfolio shows first) as it was?"""
    from datetime import datetime

    from obm.widgets import autoevaluation_competences

    autoevaluation.enregistrer({code: 2 for code in SYLLABUS.competences},
                               quand=datetime(2027, 1, 11, 9, 0))
    radar_debut = autoevaluation.exporter_radar()
    contenu = radar_debut.read_bytes()
    autoevaluation.enregistrer({code: 4 for code in SYLLABUS.competences},
                               quand=datetime(2027, 6, 28, 17, 0))
    formulaire = autoevaluation_competences()
    assert formulaire.chemin_radar == radar_debut
    assert radar_debut.read_bytes() == contenu
    assert "00_radar_competences.png" in formulaire.message.value
