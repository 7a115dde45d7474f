"""Tests of the launch data in data/: generator in sync, files consistent, rates plausible.

Expected values are recomputed here with the csv module and plain arithmetic, never by
calling the obm.kpi function under test; the benchmark ranges are those of domain.md.
"""

import csv
import itertools
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from obm import kpi

DONNEES = Path(__file__).resolve().parents[1] / "data"
GENERATEUR = DONNEES / "generer.py"
FICHIERS = (
    "lancement_entonnoir.csv",
    "campagnes_email.csv",
    "ventes_export_brut.csv",
    "abonnements.csv",
)
SOURCES = {"organique", "instagram", "facebook_ads", "youtube", "email"}
PRIX, MENSUALITE = 497, 179


def lire(nom, separateur=","):
    with open(DONNEES / nom, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=separateur))


def somme(lignes, colonne):
    return sum(float(r[colonne]) for r in lignes)


def jour(texte):
    return date.fromisoformat(texte)


@pytest.fixture(scope="module")
def entonnoir_csv():
    return lire("lancement_entonnoir.csv")


@pytest.fixture(scope="module")
def campagnes_csv():
    return lire("campagnes_email.csv")


@pytest.fixture(scope="module")
def export_csv():
    return lire("ventes_export_brut.csv", ";")


@pytest.fixture(scope="module")
def abonnements_csv():
    return lire("abonnements.csv")


# ---------------------------------------------------------------- generator


def lancer(generateur, *options):
    return subprocess.run(
        [sys.executable, str(generateur), *options],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_verifier_passe_sur_les_fichiers_commites():
    """Do the committed CSV files equal what the generator writes (data/generer.py --verifier)?"""
    resultat = lancer(GENERATEUR, "--verifier")
    assert resultat.returncode == 0, resultat.stderr


def test_generateur_reproduit_les_octets(tmp_path):
    """Does running a copy of the generator elsewhere write byte-identical files?"""
    shutil.copy(GENERATEUR, tmp_path)
    shutil.copy(DONNEES / "outils_generation.py", tmp_path)  # the shared write / check block
    assert lancer(tmp_path / "generer.py").returncode == 0
    for nom in FICHIERS:
        assert (tmp_path / nom).read_bytes() == (DONNEES / nom).read_bytes(), nom


@pytest.mark.parametrize("nom", FICHIERS)
def test_verifier_echoue_si_un_fichier_change(tmp_path, nom):
    """If a committed CSV is edited by hand, does --verifier fail with the French fix?"""
    shutil.copy(GENERATEUR, tmp_path)
    shutil.copy(DONNEES / "outils_generation.py", tmp_path)  # the shared write / check block
    for autre in FICHIERS:
        shutil.copy(DONNEES / autre, tmp_path)
    chemin = tmp_path / nom
    chemin.write_bytes(chemin.read_bytes().replace(b"0", b"1", 1))
    resultat = lancer(tmp_path / "generer.py", "--verifier")
    assert resultat.returncode != 0
    assert (
        "Les données de data/ ne correspondent plus au générateur : lance `make data` puis relis le diff"
        in resultat.stderr
    )
    assert nom in resultat.stderr


def test_verifier_echoue_si_un_fichier_manque(tmp_path):
    """Does --verifier also fail when a CSV is missing?"""
    shutil.copy(GENERATEUR, tmp_path)
    shutil.copy(DONNEES / "outils_generation.py", tmp_path)  # the shared write / check block
    for autre in FICHIERS[1:]:
        shutil.copy(DONNEES / autre, tmp_path)
    resultat = lancer(tmp_path / "generer.py", "--verifier")
    assert resultat.returncode != 0 and FICHIERS[0] in resultat.stderr


def test_generateur_sans_numpy_ni_pandas():
    """Does the generator use only the standard library, so an upgrade cannot change the data?"""
    # The generator and the write / check block it imports from data/ (outils_generation).
    source = GENERATEUR.read_text(encoding="utf-8") + (DONNEES / "outils_generation.py").read_text(encoding="utf-8")
    imports = set(re.findall(r"^(?:from|import) (\w+)", source, flags=re.MULTILINE))
    assert imports <= {
        "outils_generation",
        "argparse",
        "csv",
        "random",
        "sys",
        "tempfile",
        "datetime",
        "pathlib",
        "decimal",
    }


@pytest.mark.parametrize("nom", FICHIERS)
def test_format_des_fichiers(nom):
    """Are the files UTF-8 with \\n line endings only?"""
    octets = (DONNEES / nom).read_bytes()
    octets.decode("utf-8")
    assert b"\r" not in octets and octets.endswith(b"\n") and not octets.startswith(b"\xef\xbb\xbf")


# ---------------------------------------------------------------- funnel


def test_entonnoir_couvre_30_jours_et_5_sources(entonnoir_csv):
    """Is there one row per day from 26 April to 25 May 2027 and per traffic source?"""
    assert list(entonnoir_csv[0]) == [
        "date",
        "source",
        "visites",
        "inscriptions_liste",
        "inscriptions_webinaire",
        "participants_webinaire",
        "ventes",
        "chiffre_affaires",
        "depenses_pub",
    ]
    paires = {(r["date"], r["source"]) for r in entonnoir_csv}
    jours = {date(2027, 4, 26) + timedelta(days=i) for i in range(30)}
    assert len(entonnoir_csv) == 150 and len(paires) == 150
    assert {jour(d) for d, _ in paires} == jours and {s for _, s in paires} == SOURCES
    assert max(jours) == date(2027, 5, 25)


def test_entonnoir_calendrier_du_lancement(entonnoir_csv):
    """Do registrations, attendance, sales and ad spend happen only on the days the course map allows?"""
    for r in entonnoir_csv:
        d = jour(r["date"])
        if int(r["inscriptions_webinaire"]):
            assert date(2027, 4, 27) <= d <= date(2027, 5, 11)
        if int(r["participants_webinaire"]):
            assert d == date(2027, 5, 11)
        if int(r["ventes"]) or float(r["chiffre_affaires"]):
            assert date(2027, 5, 18) <= d <= date(2027, 5, 25)
        if float(r["depenses_pub"]):
            assert r["source"] == "facebook_ads"
        if r["source"] == "email":
            assert int(r["inscriptions_liste"]) == 0  # already on the list


def test_entonnoir_etapes_plausibles(entonnoir_csv):
    """Is every row's step no larger than its visits, and are attendees a part of the registrants?"""
    for r in entonnoir_csv:
        for colonne in ("inscriptions_liste", "inscriptions_webinaire", "ventes"):
            assert 0 <= int(r[colonne]) <= int(r["visites"]), (r["date"], r["source"], colonne)
    for s in SOURCES:
        lignes = [r for r in entonnoir_csv if r["source"] == s]
        assert 0 < somme(lignes, "participants_webinaire") < somme(lignes, "inscriptions_webinaire")


def test_chiffre_affaires_coherent_avec_les_ventes(entonnoir_csv):
    """Is each day's revenue 497 € per one-off payment plus 179 € per first instalment?"""
    for r in entonnoir_csv:
        ventes, ca = int(r["ventes"]), float(r["chiffre_affaires"])
        # ca = 497 u + 179 (ventes − u)  ⇔  u = (ca − 179 ventes) / 318, a whole number in [0, ventes]
        u = (ca - MENSUALITE * ventes) / (PRIX - MENSUALITE)
        assert u == int(u) and 0 <= u <= ventes, (r["date"], r["source"])


def test_budget_publicitaire(entonnoir_csv):
    """Does ad spend stay within the 2 500 € budget while using most of it?"""
    total = somme(entonnoir_csv, "depenses_pub")
    assert 2300 <= total <= 2500
    assert round(total, 2) == 2483.70  # the figure quoted in data/README.md


def test_visites_email_couvrent_les_clics(entonnoir_csv, campagnes_csv):
    """Are there at least as many email visits each day as unique clicks in that day's emails?"""
    clics = Counter()
    for c in campagnes_csv:
        clics[c["date"]] += int(c["clics"])
    for r in entonnoir_csv:
        if r["source"] == "email":
            assert int(r["visites"]) >= clics[r["date"]]


# ---------------------------------------------------------------- emails


def taille_liste(jour_iso, entonnoir_csv, campagnes_csv):
    """4 800 + opt-ins of the days before − unsubscribes and hard bounces of earlier emails."""
    inscriptions = sum(int(r["inscriptions_liste"]) for r in entonnoir_csv if r["date"] < jour_iso)
    retraits = sum(
        int(c["desinscriptions"]) + int(c["rebonds_durs"])
        for c in campagnes_csv
        if c["date"] < jour_iso
    )
    return 4800 + inscriptions - retraits


def test_envois_suivent_la_taille_de_la_liste(entonnoir_csv, campagnes_csv):
    """Is each email sent to the list of that morning (minus earlier buyers for cart emails)?"""
    assert int(campagnes_csv[0]["envoyes"]) == 4800  # 26 April: the list of the course map
    for c in campagnes_csv:
        attendu = taille_liste(c["date"], entonnoir_csv, campagnes_csv)
        if c["phase"] == "panier":
            attendu -= sum(int(r["ventes"]) for r in entonnoir_csv if r["date"] < c["date"])
        assert int(c["envoyes"]) == attendu, c["campagne"]


def test_campagnes_coherentes(campagnes_csv):
    """Are deliveries, opens and clicks nested, and is the cart sequence 6 to 8 emails long?"""
    assert len({c["campagne"] for c in campagnes_csv}) == len(campagnes_csv) == 17
    for c in campagnes_csv:
        envoyes, delivres = int(c["envoyes"]), int(c["delivres"])
        assert delivres == envoyes - int(c["rebonds_durs"]) - int(c["rebonds_temporaires"])
        assert 0 <= int(c["clics"]) <= int(c["ouvertures"]) <= delivres
        assert 0 <= int(c["desinscriptions"]) <= delivres
    panier = [c for c in campagnes_csv if c["phase"] == "panier"]
    assert 6 <= len(panier) <= 8
    assert all("2027-05-18" <= c["date"] <= "2027-05-25" for c in panier)
    assert {c["phase"] for c in campagnes_csv} == {"prelancement", "webinaire", "panier"}


def test_taux_email_sur_les_donnees(campagnes_csv):
    """Does taux_email agree with rates recomputed from the CSV, campaign by campaign and in total?"""
    t = kpi.taux_email(pd.read_csv(DONNEES / "campagnes_email.csv"), total=True)
    for c in campagnes_csv:
        ligne = t.loc[c["campagne"]]
        assert ligne["taux_ouverture"] == pytest.approx(int(c["ouvertures"]) / int(c["delivres"]))
        assert ligne["taux_clic_ouverture"] == pytest.approx(int(c["clics"]) / int(c["ouvertures"]))
        assert ligne["taux_rebond_dur"] == pytest.approx(int(c["rebonds_durs"]) / int(c["envoyes"]))
    assert t.loc["Total", "taux_clic"] == pytest.approx(
        somme(campagnes_csv, "clics") / somme(campagnes_csv, "delivres")
    )
    assert t.loc["Total", "taux_desinscription"] == pytest.approx(
        somme(campagnes_csv, "desinscriptions") / somme(campagnes_csv, "delivres")
    )


# ---------------------------------------------------------------- raw export


def normaliser_source(texte):
    return texte.strip().lower().replace(" ", "_")


def nettoyer_a_la_main(export_csv):
    """Independent cleaning with plain Python: the sales of the export, refunds, and counts."""
    vus, uniques, doublons = set(), [], 0
    for r in export_csv:
        cle = tuple((k, v.strip().lower()) for k, v in r.items())
        if cle in vus:
            doublons += 1
            continue
        vus.add(cle)
        uniques.append(r)
    remboursements = [r for r in uniques if r["Statut"].strip() == "remboursement"]
    echecs = [r for r in uniques if r["Statut"].strip() == "échouée"]
    ventes = [r for r in uniques if r["Statut"].strip() == "payée"]
    assert len(remboursements) + len(echecs) + len(ventes) == len(uniques)  # no other status
    return ventes, remboursements, echecs, doublons


def montant_a_la_main(r):
    texte = r["Montant"]
    if not texte:  # blank amount: the price of the payment plan
        return PRIX if r["Formule"].strip().lower() == "paiement unique" else MENSUALITE
    for caractere in (" ", "\u00a0", "\u202f", "€"):
        texte = texte.replace(caractere, "")
    return float(texte.replace(",", "."))


def test_export_contient_la_salete_documentee(export_csv):
    """Does the raw export hold exactly the dirt documented in data/README.md?"""
    ventes, remboursements, echecs, doublons = nettoyer_a_la_main(export_csv)
    assert len(export_csv) == 113
    assert doublons == 3
    assert len(remboursements) == 4 and len(echecs) == 2
    assert sum(1 for r in ventes if not r["E-mail"]) == 2
    assert sum(1 for r in ventes if not r["Montant"]) == 2
    assert sum(1 for r in ventes if r["Produit"] == "Accompagnement individuel") == 4
    texte = (DONNEES / "ventes_export_brut.csv").read_text(encoding="utf-8")
    assert "1 290,00" in texte and "1\u202f290,00" in texte and "\u00a0€" in texte
    assert {r["Source"] for r in export_csv} - SOURCES  # some sources are badly written
    achats = {r["N° commande"]: r["Date"][:10] for r in ventes}
    for r in remboursements:
        assert r["Montant"].startswith("-") and re.fullmatch(r"\d\d/\d\d/2027", r["Date"])
        delai = datetime.strptime(r["Date"], "%d/%m/%Y") - datetime.strptime(
            achats[r["N° commande"]], "%d/%m/%Y"
        )
        assert 2 <= delai.days <= 13  # within the 14-day guarantee
    for r in ventes + echecs:
        assert re.fullmatch(r"\d\d/\d\d/2027 \d\d:\d\d", r["Date"])


def test_export_coherent_avec_l_entonnoir(export_csv, entonnoir_csv):
    """After cleaning by hand, are the Cap Sérénité orders per day and source the funnel's sales and revenue?"""
    ventes, remboursements, _, _ = nettoyer_a_la_main(export_csv)
    par_cle, ca_par_cle = Counter(), defaultdict(float)
    for r in ventes:
        if r["Produit"].strip().lower() != "cap sérénité":
            continue
        j, m, a = r["Date"][:10].split("/")
        cle = (f"{a}-{m}-{j}", normaliser_source(r["Source"]))
        par_cle[cle] += 1
        ca_par_cle[cle] += montant_a_la_main(r)
    attendu = {
        (r["date"], r["source"]): int(r["ventes"]) for r in entonnoir_csv if int(r["ventes"])
    }
    assert dict(par_cle) == attendu
    for r in entonnoir_csv:
        assert ca_par_cle[(r["date"], r["source"])] == pytest.approx(float(r["chiffre_affaires"]))
    commandes = {r["N° commande"] for r in ventes}
    assert {r["N° commande"] for r in remboursements} <= commandes  # every refund points to a sale


def test_charger_export_ventes_sur_les_donnees(export_csv, entonnoir_csv):
    """Does charger_export_ventes count the dirt and give the funnel's sales back, per day and source?"""
    export = kpi.charger_export_ventes(DONNEES / "ventes_export_brut.csv")
    ventes_main, remboursements_main, echecs_main, doublons_main = nettoyer_a_la_main(export_csv)
    c = export.comptes
    assert c["lignes_lues"] == len(export_csv)
    assert c["doublons"] == doublons_main
    assert c["remboursements"] == len(remboursements_main)
    assert c["paiements_echoues"] == len(echecs_main)
    assert c["emails_manquants"] == sum(1 for r in ventes_main if not r["E-mail"])
    assert c["montants_completes"] == sum(1 for r in ventes_main if not r["Montant"])
    assert c["commandes"] == len(ventes_main) == len(export.ventes)
    rapport = "\n".join(export.rapport)
    assert f"Lignes en double supprimées : {doublons_main}." in rapport
    assert f"Remboursements : {len(remboursements_main)} ligne(s)" in rapport

    v = export.ventes
    cap = v[v["produit"] == "Cap Sérénité"]
    obtenu = {
        (j.date().isoformat(), s): n for (j, s), n in cap.groupby(["jour", "source"]).size().items()
    }
    attendu = {
        (r["date"], r["source"]): int(r["ventes"]) for r in entonnoir_csv if int(r["ventes"])
    }
    assert obtenu == attendu
    assert cap["montant"].sum() == pytest.approx(somme(entonnoir_csv, "chiffre_affaires"))
    assert set(v["statut"]) == {"payée", "remboursée"}
    assert (v["statut"] == "remboursée").sum() == len(remboursements_main)
    assert export.remboursements["montant"].sum() == pytest.approx(
        sum(-montant_a_la_main(r) for r in remboursements_main)
    )


def test_charger_export_par_son_nom():
    """Can a learner load the export by its bare file name in data/?"""
    assert kpi.charger_export_ventes("ventes_export_brut.csv").comptes["commandes"] == 104


# ---------------------------------------------------------------- membership


def membres(abonnements_csv):
    return [
        (
            jour(a["date_debut"]),
            jour(a["date_fin"]) if a["date_fin"] else None,
            float(a["tarif_mensuel"]),
        )
        for a in abonnements_csv
    ]


def plus_mois(d, k):
    m = d.month - 1 + k
    return date(d.year + m // 12, m % 12 + 1, d.day)  # start days are ≤ 28 in the data


def churn_mensuel(liste):
    """(cancellations, members on the 1st) for each month from January 2026 to May 2027."""
    resultats = []
    premier = date(2026, 1, 1)
    while premier <= date(2027, 5, 1):
        presentes = sum(1 for d, f, _ in liste if d <= premier and (f is None or f >= premier))
        parties = sum(
            1 for _, f, _ in liste if f and (f.year, f.month) == (premier.year, premier.month)
        )
        resultats.append((parties, presentes))
        premier = plus_mois(premier, 1)
    return resultats


def test_abonnements_coherents(abonnements_csv):
    """Do memberships start from December 2025, end after a whole number of paid months, and never after 31 May 2027?"""
    liste = membres(abonnements_csv)
    assert min(d for d, _, _ in liste) >= date(2025, 12, 1)
    assert max(d for d, _, _ in liste) <= date(2027, 5, 31)
    for d, f, tarif in liste:
        assert tarif in (29.0, 37.0)
        assert (tarif == 29.0) == (d < date(2026, 1, 1))
        if f is not None:
            assert f <= date(2027, 5, 31)
            assert any(f == plus_mois(d, n) - timedelta(days=1) for n in range(1, 19))
    # every cancellation of a month is among the members present on its 1st
    for parties, presentes in churn_mensuel(liste):
        assert parties <= presentes


def test_taux_churn_sur_les_donnees(abonnements_csv):
    """Does taux_churn on the counts of a month equal the hand count for that month?"""
    for parties, presentes in churn_mensuel(membres(abonnements_csv)):
        assert kpi.taux_churn(parties, presentes) == pytest.approx(parties / presentes)


def test_retention_cohortes_sur_les_donnees(abonnements_csv):
    """Does retention_cohortes agree cell by cell with a hand computation on the CSV?"""
    t = kpi.retention_cohortes(
        pd.read_csv(DONNEES / "abonnements.csv"), date_observation="2027-05-31"
    )
    liste = membres(abonnements_csv)
    cohortes = sorted({d.strftime("%Y-%m") for d, _, _ in liste})
    assert list(t.index) == cohortes and len(cohortes) == 18
    for cohorte in cohortes:
        groupe = [(d, f) for d, f, _ in liste if d.strftime("%Y-%m") == cohorte]
        dernier = max(d for d, _ in groupe)
        for k in t.columns:
            valeur = t.loc[cohorte, k]
            if plus_mois(dernier, k) > date(2027, 5, 31):
                assert pd.isna(valeur), (cohorte, k)
            else:
                encore = sum(1 for d, f in groupe if f is None or f >= plus_mois(d, k))
                assert valeur == pytest.approx(encore / len(groupe)), (cohorte, k)


# ---------------------------------------------------------------- library on the data


def test_entonnoir_sur_les_donnees(entonnoir_csv):
    """Does entonnoir on the funnel file give the column sums recomputed from the CSV?"""
    e = kpi.entonnoir(pd.read_csv(DONNEES / "lancement_entonnoir.csv"))
    sommes = [
        somme(entonnoir_csv, c)
        for c in ("visites", "inscriptions_webinaire", "participants_webinaire", "ventes")
    ]
    assert list(e["effectif"]) == sommes
    assert e["taux_global"].iloc[-1] == pytest.approx(sommes[-1] / sommes[0])
    rapports = [b / a for a, b in itertools.pairwise(sommes)]
    faible = ["inscriptions_webinaire", "participants_webinaire", "ventes"][
        rapports.index(min(rapports))
    ]
    assert kpi.etape_la_plus_faible(e) == faible


def test_tableau_de_bord_sur_les_donnees(entonnoir_csv):
    """Does the dashboard plot revenue per source and a ROAS bar for facebook_ads only?"""
    fig = kpi.tableau_de_bord_lancement(pd.read_csv(DONNEES / "lancement_entonnoir.csv"))
    _, ax_ca, ax_roas = fig.axes
    ca = defaultdict(float)
    for r in entonnoir_csv:
        ca[r["source"]] += float(r["chiffre_affaires"])
    assert sorted(p.get_height() for p in ax_ca.patches) == pytest.approx(sorted(ca.values()))
    fb = [r for r in entonnoir_csv if r["source"] == "facebook_ads"]
    assert [p.get_height() for p in ax_roas.patches] == pytest.approx(
        [somme(fb, "chiffre_affaires") / somme(fb, "depenses_pub")]
    )


# ---------------------------------------------------------------- headline rates and benchmarks


def taux_cles(entonnoir_csv, campagnes_csv, export_csv, abonnements_csv):
    """Every headline rate of data/README.md, recomputed with plain arithmetic."""
    pre = [r for r in entonnoir_csv if r["date"] <= "2027-05-11"]
    chaud = [r for r in pre if r["source"] in ("instagram", "organique", "youtube")]
    pub = [r for r in pre if r["source"] == "facebook_ads"]
    panier = [r for r in entonnoir_csv if r["date"] >= "2027-05-18"]
    inscrits = somme(entonnoir_csv, "inscriptions_webinaire")
    ventes = somme(entonnoir_csv, "ventes")
    ventes_export, remboursements, _, _ = nettoyer_a_la_main(export_csv)
    cap = [r for r in ventes_export if r["Produit"].strip() == "Cap Sérénité"]
    mois = churn_mensuel(membres(abonnements_csv))
    return {
        "Inscription à la liste, trafic chaud": somme(chaud, "inscriptions_liste")
        / somme(chaud, "visites"),
        "Inscription à la liste, publicité Meta": somme(pub, "inscriptions_liste")
        / somme(pub, "visites"),
        "Présence au webinaire": somme(entonnoir_csv, "participants_webinaire") / inscrits,
        "Inscriptions au webinaire le jour même": somme(
            [r for r in entonnoir_csv if r["date"] == "2027-05-11"], "inscriptions_webinaire"
        )
        / inscrits,
        "Inscriptions au webinaire la semaine d'avant": somme(
            [r for r in entonnoir_csv if "2027-05-04" <= r["date"] <= "2027-05-10"],
            "inscriptions_webinaire",
        )
        / inscrits,
        "Conversion de la liste": ventes / taille_liste("2027-05-18", entonnoir_csv, campagnes_csv),
        "Conversion de la page de vente": somme(panier, "ventes") / somme(panier, "visites"),
        "Ventes des 48 dernières heures": somme(
            [r for r in entonnoir_csv if r["date"] >= "2027-05-24"], "ventes"
        )
        / ventes,
        "Ouverture des e-mails": somme(campagnes_csv, "ouvertures")
        / somme(campagnes_csv, "delivres"),
        "Clic des e-mails": somme(campagnes_csv, "clics") / somme(campagnes_csv, "delivres"),
        "Désinscription": somme(campagnes_csv, "desinscriptions")
        / somme(campagnes_csv, "delivres"),
        "Rebonds durs": somme(campagnes_csv, "rebonds_durs") / somme(campagnes_csv, "envoyes"),
        "Rebonds temporaires": somme(campagnes_csv, "rebonds_temporaires")
        / somme(campagnes_csv, "envoyes"),
        "Remboursement": len(remboursements) / len(cap),
        "Churn mensuel du Cercle": sum(p for p, _ in mois) / sum(n for _, n in mois),
    }


def pourcentage(x):
    return f"{100 * x:.2f}".replace(".", ",") + " %"


@pytest.fixture(scope="module")
def taux(entonnoir_csv, campagnes_csv, export_csv, abonnements_csv):
    return taux_cles(entonnoir_csv, campagnes_csv, export_csv, abonnements_csv)


def test_tableau_du_readme_a_jour(taux):
    """Does every headline rate in data/README.md match the value recomputed from the data?"""
    texte = (DONNEES / "README.md").read_text(encoding="utf-8")
    section = texte.split("## Taux clés des données et repères", 1)[1]
    lignes = {}
    for ligne in section.splitlines():
        cellules = [c.strip() for c in ligne.strip().strip("|").split("|")]
        if len(cellules) == 6 and cellules[0] in taux:
            lignes[cellules[0]] = cellules
    assert set(lignes) == set(taux)
    for nom, valeur in taux.items():
        assert lignes[nom][2] == pourcentage(valeur), nom


# Ranges of reference/domain.md (KPIs and benchmarks); "a few %" for refunds comes from the brief.
FOURCHETTES = {
    "Inscription à la liste, trafic chaud": (0.15, 0.35),
    "Présence au webinaire": (0.35, 0.45),
    "Conversion de la liste": (0.01, 0.02),
    "Conversion de la page de vente": (0.03, 0.05),
    "Ventes des 48 dernières heures": (0.40, 0.60),
    "Ouverture des e-mails": (0.2271, 0.2546),
    "Clic des e-mails": (0.0291, 0.0394),
    "Churn mensuel du Cercle": (0.07, 0.10),
    "Remboursement": (0.01, 0.08),
}


@pytest.mark.parametrize("nom", sorted(FOURCHETTES))
def test_taux_plausibles(taux, nom):
    """Does each headline rate fall in its benchmark range?"""
    bas, haut = FOURCHETTES[nom]
    assert bas <= taux[nom] <= haut, f"{nom} : {pourcentage(taux[nom])}"


def test_taux_plausibles_sans_fourchette(taux):
    """Are the rates with only an average or a rough claim as a benchmark of the right size?"""
    assert taux["Inscriptions au webinaire le jour même"] > 0.25  # ON24: over a quarter on the day
    assert 0.40 <= taux["Inscriptions au webinaire la semaine d'avant"] <= 0.70  # ON24: 58 %
    assert taux["Désinscription"] <= 2 * 0.0025  # Mailchimp average 0.25 %
    assert taux["Rebonds durs"] <= 2 * 0.0040 and taux["Rebonds temporaires"] <= 2 * 0.0061
    assert (
        0.02 <= taux["Inscription à la liste, publicité Meta"] <= 0.10
    )  # cold traffic, below warm pages


def test_positions_du_readme_via_les_reperes(taux):
    """Do the library's benchmarks place the data as the README says for the ranged rates?"""
    correspondances = {
        "Inscription à la liste, trafic chaud": "taux_inscription_trafic_chaud",
        "Inscription à la liste, publicité Meta": "taux_conversion_landing_page",
        "Présence au webinaire": "taux_presence_webinaire",
        "Conversion de la liste": "taux_conversion_liste",
        "Conversion de la page de vente": "taux_conversion_page_vente_chaude",
        "Ventes des 48 dernières heures": "part_ventes_48h",
        "Ouverture des e-mails": "taux_ouverture_email",
        "Clic des e-mails": "taux_clic_email",
        "Churn mensuel du Cercle": "taux_churn_abonnement",
    }
    texte = (DONNEES / "README.md").read_text(encoding="utf-8")
    for nom, cle in correspondances.items():
        position = kpi.comparer_aux_reperes(taux[nom], cle).position
        assert f"| {pourcentage(taux[nom])} |" in texte
        ligne = next(ligne for ligne in texte.splitlines() if ligne.startswith(f"| {nom} |"))
        assert ligne.rstrip(" |").endswith(position), nom


def test_autres_chiffres_du_readme(entonnoir_csv, abonnements_csv):
    """Are the other launch figures quoted in data/README.md those of the data?"""
    texte = " ".join((DONNEES / "README.md").read_text(encoding="utf-8").split())
    ventes = int(somme(entonnoir_csv, "ventes"))
    ca = somme(entonnoir_csv, "chiffre_affaires")
    uniques = round((ca - MENSUALITE * ventes) / (PRIX - MENSUALITE))
    fb = [r for r in entonnoir_csv if r["source"] == "facebook_ads"]
    depenses = somme(entonnoir_csv, "depenses_pub")
    actives = [float(a["tarif_mensuel"]) for a in abonnements_csv if not a["date_fin"]]

    def fr(x, d):
        return f"{x:,.{d}f}".replace(",", " ").replace(".", ",")

    attendus = [
        f"{ventes} ventes de Cap Sérénité ({uniques} en paiement unique, {ventes - uniques} en 3 fois)",
        f"{fr(ca, 0)} € encaissés",
        f"{fr(somme(fb, 'chiffre_affaires'), 0)} € ÷ {fr(depenses, 2)} € ≈ {fr(somme(fb, 'chiffre_affaires') / depenses, 2)}",
        f"{fr(depenses, 2)} € ÷ {ventes} ≈ {fr(depenses / ventes, 2)} €",
        # The cost per customer brought by the ad: its spend over the orders of its own source.
        f"{fr(depenses, 2)} € ÷ {int(somme(fb, 'ventes'))} ≈ {fr(depenses / somme(fb, 'ventes'), 2)} €",
        f"le Cercle compte {len(actives)} membres (revenu moyen {fr(sum(actives) / len(actives), 2)} €",
    ]
    for attendu in attendus:
        assert attendu in texte, attendu


def test_taille_de_liste_citee(entonnoir_csv, campagnes_csv):
    """Is the list size on 18 May quoted in the README the one computed from the data?"""
    texte = (DONNEES / "README.md").read_text(encoding="utf-8")
    taille = taille_liste("2027-05-18", entonnoir_csv, campagnes_csv)
    assert f"taille de la liste le 18/05 ({taille:,})".replace(",", " ") in texte


@pytest.mark.parametrize("generateur", sorted(DONNEES.glob("generer*.py")), ids=lambda p: p.name)
def test_chaque_generateur_de_make_data_se_verifie(generateur):
    """`make data` runs every data/generer*.py: does each one accept --verifier, and do the
    committed files equal what it writes (module 05's tracking sheet, module 11's Trello export…)?"""
    resultat = lancer(generateur, "--verifier")
    assert resultat.returncode == 0, resultat.stderr
