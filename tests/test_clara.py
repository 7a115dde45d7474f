"""One Clara: do the data sets and the notebooks agree with data/clara.toml?

The facts several modules use live in one file, read through `obm.donnees.clara()`. These tests
recompute them from the CSV files of data/ and from the generator, and look for launch figures
quoted in the notebooks' text that the file and the data do not give (the webinar's attendance
was once 412/980 in module 10 but 329/872 in the data of module 12).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from obm.donnees import clara

RACINE = Path(__file__).resolve().parents[1]
DATA = RACINE / "data"


def _csv(nom, separateur=","):
    with open(DATA / nom, encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier, delimiter=separateur))


@pytest.fixture(scope="module")
def faits():
    return clara()


@pytest.fixture(scope="module")
def lancement():
    return _csv("lancement_entonnoir.csv")


def _somme(lignes, colonne, conv=int):
    return sum(conv(l[colonne]) for l in lignes)


def test_le_fichier_a_les_faits_du_plan_de_cours(faits):
    """Does the file hold the course map's facts (prices, list, team, dates, budget, objective)?"""
    assert (faits.clara.prenom, faits.clara.nom) == ("Clara", "Morel")
    assert faits.programme.nom == "Cap Sérénité" and faits.programme.duree_semaines == 8
    assert faits.programme.prix_ttc == 497 and faits.programme.mensualite_ttc == 179
    assert faits.programme.paiement_en_plusieurs_fois == 3
    assert faits.audience.liste_email == 4800 and faits.audience.instagram == 12000
    assert [p.prenom for p in faits.equipe] == ["Léa", "Hugo", "Inès", "Samir"]
    assert faits.membre("Léa").heures_par_semaine == 15
    assert faits.membre("Léa").semaines_travaillees_par_an == 48  # module 14 : le journal ramené à l'année
    assert faits.membre("Inès").heures_par_semaine == 10
    assert {p.prenom for p in faits.equipe if p.contrat == "mission"} == {"Hugo", "Samir"}
    for personne in faits.equipe:
        if personne.contrat == "mission":
            assert personne.budget_mission_ht > 0
        else:
            assert personne.taux_horaire_ht > 0
    lancement = faits.lancement
    assert lancement.ouverture_panier == date(2027, 5, 18)  # a Tuesday
    assert lancement.ouverture_panier.weekday() == 1
    assert lancement.fermeture_panier == datetime(2027, 5, 25, 23, 59)
    assert lancement.webinaire == datetime(2027, 5, 11, 19, 0)
    assert lancement.prelancement_debut == date(2027, 4, 26)
    assert lancement.budget_pub_ttc == 2500
    assert lancement.objectif_ventes == 50


def test_les_donnees_du_lancement_concordent(faits, lancement):
    """Do the launch data (sales, revenue, funnel, ad spend, dates) give the file's results?"""
    r = faits.lancement.resultats
    assert _somme(lancement, "ventes") == r.ventes
    assert _somme(lancement, "visites") == r.visites
    assert _somme(lancement, "inscriptions_webinaire") == r.inscriptions_webinaire
    assert _somme(lancement, "participants_webinaire") == r.participantes_webinaire
    assert round(_somme(lancement, "chiffre_affaires", float), 2) == r.encaisse_commandes_ttc
    depenses = round(_somme(lancement, "depenses_pub", float), 2)
    assert depenses == r.depenses_pub_ttc <= faits.lancement.budget_pub_ttc
    # The revenue splits into single payments and first instalments.
    prix, mensualite = faits.programme.prix_ttc, faits.programme.mensualite_ttc
    assert r.paiements_uniques + r.paiements_en_trois_fois == r.ventes
    assert prix * r.paiements_uniques + mensualite * r.paiements_en_trois_fois == \
        r.encaisse_commandes_ttc
    conclues = prix * r.paiements_uniques + 3 * mensualite * r.paiements_en_trois_fois
    assert conclues == r.ventes_conclues_ttc
    assert conclues - r.remboursements * prix == r.ventes_conclues_nettes_ttc
    jours = sorted({l["date"] for l in lancement})
    assert date.fromisoformat(jours[0]) == faits.lancement.prelancement_debut
    assert date.fromisoformat(jours[-1]) == faits.lancement.fermeture_panier.date()
    ventes = {l["date"] for l in lancement if int(l["ventes"])}
    assert min(ventes) == faits.lancement.ouverture_panier.isoformat()
    presences = {l["date"] for l in lancement if int(l["participants_webinaire"])}
    assert presences == {faits.lancement.webinaire.date().isoformat()}
    inscriptions = sorted(l["date"] for l in lancement if int(l["inscriptions_webinaire"]))
    assert inscriptions[0] == faits.lancement.ouverture_inscriptions_webinaire.isoformat()


def test_les_autres_fichiers_concordent(faits):
    """Do the e-mail, sales-export and membership files agree with the file?"""
    campagnes = _csv("campagnes_email.csv")
    assert int(campagnes[0]["envoyes"]) == faits.audience.liste_email
    export = _csv("ventes_export_brut.csv", ";")
    produits = {l["Produit"].strip() for l in export}
    assert faits.programme.nom in produits
    autres = {o.nom: o for o in faits.autres_offres}
    assert "Accompagnement individuel" in produits
    montants = {l["Montant"].replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
                for l in export}
    assert f"{autres['Accompagnement individuel'].prix_ttc},00€" in montants
    assert f"{faits.programme.prix_ttc},00€" in montants
    assert f"{faits.programme.mensualite_ttc},00€" in montants
    tarifs = {float(l["tarif_mensuel"]) for l in _csv("abonnements.csv")}
    assert tarifs == {autres["Cercle Sérénité"].prix_mensuel_ttc,
                      autres["Cercle Sérénité"].prix_mensuel_fondatrices_ttc}


def test_le_generateur_utilise_les_memes_faits(faits):
    """Does data/generer.py use the same facts (so `make data` cannot drift from the file)?"""
    spec = importlib.util.spec_from_file_location("generer_donnees", DATA / "generer.py")
    generer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generer)
    assert generer.LISTE_INITIALE == faits.audience.liste_email
    assert generer.PRIX_UNIQUE_CENTIMES == 100 * faits.programme.prix_ttc
    assert generer.MENSUALITE_CENTIMES == 100 * faits.programme.mensualite_ttc
    assert generer.OUVERTURE_PANIER == faits.lancement.ouverture_panier
    assert generer.JOUR_WEBINAIRE == faits.lancement.webinaire.date()
    assert generer.PREMIER_JOUR == faits.lancement.prelancement_debut
    assert generer.DEPENSES_PUB_CENTIMES == round(100 * faits.lancement.resultats.depenses_pub_ttc)


# --- Figures quoted by the notebooks -------------------------------------------------------------

# A count of people or sales about the launch, as a notebook writes it: « 329 participantes ».
_COMPTE = re.compile(
    r"(?<![\w,.])(\d{1,3}(?:[ \u202f\u00a0]\d{3})+|\d+)[ \u202f\u00a0]+"
    r"(?:des[ \u202f\u00a0]+\d[\d \u202f\u00a0]*[ \u202f\u00a0]+)?"
    r"(abonnées|inscrites|inscriptions|participantes|ventes|commandes|visites|acheteuses|"
    r"clientes|remboursements)\b")


def _valeurs_permises(faits, lancement) -> set[int]:
    """Every count the file or the data sets give (totals, per source, per day)."""
    permis: set[int] = set()

    def ajouter(valeur):
        if isinstance(valeur, (int, float)) and not isinstance(valeur, bool):
            permis.add(round(valeur))
        elif isinstance(valeur, dict):
            for v in valeur.values():
                ajouter(v)
        elif isinstance(valeur, list):
            for v in valeur:
                ajouter(v)

    ajouter(dict(faits))
    for colonne in ("visites", "inscriptions_webinaire", "participants_webinaire", "ventes",
                    "inscriptions_liste"):
        par_source: dict[str, int] = {}
        for ligne in lancement:
            par_source[ligne["source"]] = par_source.get(ligne["source"], 0) + int(ligne[colonne])
            permis.add(int(ligne[colonne]))
        permis.update(par_source.values())
    for ligne in _csv("campagnes_email.csv"):
        for colonne in ("envoyes", "delivres", "ouvertures", "clics", "desinscriptions"):
            permis.add(int(ligne[colonne]))
    return permis


def _notebooks():
    dossiers = [RACINE / "course", RACINE / "solutions"]
    return sorted(p for d in dossiers for p in d.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# Figures that are not about Clara's launch although they sit next to such words: each with
# where it stands and why it is allowed.
HORS_LANCEMENT = {
    # « 1 à 2 % d'une liste » : Teachable's benchmark, quoted as such.
    # Module 15: targets of the autumn 2027 launch (120 sales, above the 100 of the spring, as
    # the lesson asks) and of its webinar (1 000 sign-ups), set in June 2027 for the second
    # half-year; an anchor answer's Instagram target. Not figures of the spring launch.
    ("solutions/15_vision/exercice.ipynb", 120),
    ("solutions/15_vision/exercice.ipynb", 1000),
}


def test_les_chiffres_cites_sur_le_lancement_viennent_des_donnees(faits, lancement):
    """Does every count of the launch quoted in a notebook's text come from the file or the data?"""
    permis = _valeurs_permises(faits, lancement)
    fautifs = []
    for chemin in _notebooks():
        notebook = json.loads(chemin.read_text(encoding="utf-8"))
        for index, cellule in enumerate(notebook["cells"]):
            # Markdown text, and the strings of code cells (a model feedback quotes figures too).
            texte = "".join(cellule["source"]) if isinstance(cellule["source"], list) else cellule["source"]
            for nombre, mot in _COMPTE.findall(texte):
                valeur = int(re.sub(r"\D", "", nombre))
                cle = (chemin.relative_to(RACINE).as_posix(), valeur)
                if valeur >= 20 and valeur not in permis and cle not in HORS_LANCEMENT:
                    fautifs.append(f"{cle[0]} [{index}] : « {nombre} {mot} »")
    assert not fautifs, ("chiffres du lancement absents de data/clara.toml et des données :\n"
                         + "\n".join(fautifs))


def test_la_vision_2027_concorde(faits):
    """Module 15: Clara's OKRs of 2027 start from her other facts (50 sales = the launch
    objective, 4 800 addresses on the list, the members of the Cercle present on 1 January 2027
    in data/abonnements.csv, counted as data/README.md says), and the sales key result is the
    launch of May 2027."""
    rc = {r["id"]: r for r in faits.vision.resultats_cles}
    assert rc["O1-RC1"]["cible"] == faits.lancement.objectif_ventes
    assert "mai 2027" in rc["O1-RC1"]["texte"] and str(faits.lancement.objectif_ventes) in rc["O1-RC1"]["texte"]
    assert rc["O1-RC2"]["depart"] == faits.audience.liste_email
    jour = "2027-01-01"
    presentes = [m for m in _csv("abonnements.csv")
                 if m["date_debut"] <= jour and (not m["date_fin"] or m["date_fin"] >= jour)]
    assert rc["O2-RC1"]["depart"] == rc["O2-RC2"]["depart"] == len(presentes)
    assert faits.vision.ecrite_le.year == 2027 and faits.vision.ecrite_le.month == 1
    assert faits.vision.ecrite_le < faits.ateliers_maison_lumiere.devis_signe
    ids = {r["id"] for r in faits.vision.resultats_cles}
    assert all(set(p["resultats_cles"]) <= ids for p in faits.vision.projets)


def test_faits_lus_une_fois_et_jamais_partages(tmp_path, monkeypatch):
    """clara() garde le fichier lu en mémoire (le moteur de correction le lit une fois avant de
    forker les copies), mais chaque appel rend ses propres objets, et un fichier modifié est relu."""
    from obm import donnees

    cours = tmp_path / "cours"
    (cours / "course").mkdir(parents=True)
    (cours / "course" / "syllabus.toml").write_text("", encoding="utf-8")
    (cours / "data").mkdir()
    fichier = cours / "data" / "clara.toml"
    fichier.write_text('[programme]\nprix_ttc = 497\nmodules = ["a", "b"]\n', encoding="utf-8")
    monkeypatch.setenv("OBM_COURS", str(cours))

    premier = donnees.clara()
    premier["programme"]["prix_ttc"] = 1
    premier.programme.modules.append("c")
    second = donnees.clara()
    assert second.programme.prix_ttc == 497
    assert second.programme.modules == ["a", "b"]
    assert second is not premier and second.programme is not premier.programme

    fichier.write_text('[programme]\nprix_ttc = 597\nmodules = ["a", "b"]\n', encoding="utf-8")
    assert donnees.clara().programme.prix_ttc == 597
