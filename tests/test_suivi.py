"""Tests of obm.suivi.valeur_acquise: earned value at a date and the project's « météo ».

Worked example of reference/domain-modules.md § 05, « 8 vidéos du programme »: BAC 4 000 € HT,
planned evenly over 8 weeks; end of week 4 PV 2 000; 3 videos accepted → EV 1 500; AC 1 800.
SV −500; CV −300; SPI 0.75; CPI 0.83; EAC ≈ 4 800; ETC 3 000; VAC −800; TCPI 1.14.
"""

import math

import numpy as np
import pytest
from entrees_quelconques import REGLAGES, appeler, est_float_fini, valeurs
from hypothesis import given
from hypothesis import strategies as st

from obm import fr as obm_fr
from obm import suivi
from obm.erreurs import DonneesInvalides, ErreurOBM, TypeInvalide


def test_exemple_des_huit_videos():
    """Does the week-4 point of the eight videos give every figure of the worked example?"""
    r = suivi.valeur_acquise(4000, 4 / 8, 3 / 8, 1800)
    assert r.valeur_planifiee == pytest.approx(2000)
    assert r.valeur_acquise == pytest.approx(1500)
    assert r.cout_reel == 1800
    assert r.ecart_delai == pytest.approx(-500)
    assert r.ecart_cout == pytest.approx(-300)
    assert r.ipd == pytest.approx(0.75)
    assert r.ipc == pytest.approx(1500 / 1800) and round(r.ipc, 2) == 0.83
    assert r.estimation_a_terminaison == pytest.approx(4800)
    assert r.reste_a_faire == pytest.approx(3000)
    assert r.ecart_a_terminaison == pytest.approx(-800)
    assert r.indice_pour_finir == pytest.approx(2500 / 2200) and round(r.indice_pour_finir, 2) == 1.14
    assert r.meteo == "rouge" and r.meteo_texte == "météo rouge"
    assert r.seuils == (0.95, 0.85)


def test_pas_les_erreurs_typiques():
    """Are the signs and ratios those of PMBOK, not the usual mistakes (CV = AC − EV, SPI = PV/EV…)?"""
    r = suivi.valeur_acquise(4000, 0.5, 0.375, 1800)
    assert r.ecart_cout < 0 and r.ecart_cout != pytest.approx(1800 - 1500)  # CV = AC − EV
    assert r.ipd < 1 and r.ipd != pytest.approx(2000 / 1500)  # SPI = PV / EV
    assert r.estimation_a_terminaison != pytest.approx(4000 * r.ipc)  # EAC = BAC × CPI
    assert r.reste_a_faire != pytest.approx(4000 - 1800)  # ETC = BAC − AC
    assert r.ecart_a_terminaison < 0  # VAC sign
    # EV comes from work done, not from elapsed time (0.5) nor from spending (1 800 / 4 000)
    assert r.valeur_acquise != pytest.approx(2000) and r.valeur_acquise != pytest.approx(1800)


def test_calcul_independant():
    """Do all the fields match a plain recomputation on another case (ahead and under budget)?"""
    bac, prevue, realisee, ac = 12_000, 0.4, 0.5, 5_000
    r = suivi.valeur_acquise(bac, prevue, realisee, ac)
    pv, ev = bac * prevue, bac * realisee
    cpi = ev / ac
    eac = bac / cpi
    attendu = {"valeur_planifiee": pv, "valeur_acquise": ev, "ecart_delai": ev - pv,
               "ecart_cout": ev - ac, "ipd": ev / pv, "ipc": cpi, "estimation_a_terminaison": eac,
               "reste_a_faire": eac - ac, "ecart_a_terminaison": bac - eac,
               "indice_pour_finir": (bac - ev) / (bac - ac)}
    for champ, valeur in attendu.items():
        assert getattr(r, champ) == pytest.approx(valeur), champ
        assert type(getattr(r, champ)) is float
    assert r.meteo == "vert"


@pytest.mark.parametrize(("part_realisee", "meteo"), [
    (0.95, "vert"),       # min(IPD, IPC) = 0.95 exactly: green
    (0.9499, "orange"),
    (0.85, "orange"),     # exactly 0.85: orange
    (0.8499, "rouge"),
])
def test_seuils_de_la_meteo(part_realisee, meteo):
    """Is the weather green from 0.95, orange from 0.85, red below, on the weaker of IPD and IPC?"""
    # budget 1000, planned 100 %, spent 1000: IPD = IPC = part réalisée
    assert suivi.valeur_acquise(1000, 1.0, part_realisee, 1000).meteo == meteo


def test_meteo_prend_le_plus_faible_des_indices():
    """Is a project on time but over budget judged on its cost index (no green with a red dimension)?"""
    r = suivi.valeur_acquise(1000, 0.5, 0.5, 800)  # IPD 1, IPC 0.625
    assert r.ipd == 1.0 and r.meteo == "rouge"
    r = suivi.valeur_acquise(1000, 0.5, 0.45, 400)  # IPD 0.9, IPC 1.125
    assert r.meteo == "orange"


def test_seuils_propres_au_projet():
    """Do thresholds set for a project change the weather, and are they kept in the result?"""
    r = suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.75, 0.5))
    assert r.meteo == "vert" and r.seuils == (0.75, 0.5)
    assert suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=[0.8, 0.7]).meteo == "orange"
    assert suivi.SEUILS_METEO == (0.95, 0.85)


def test_budget_deja_depense():
    """Is the to-complete index None once the budget is spent (no division by a negative rest)?"""
    r = suivi.valeur_acquise(1000, 0.8, 0.6, 1000)
    assert r.indice_pour_finir is None
    assert suivi.valeur_acquise(1000, 0.8, 0.6, 1200).indice_pour_finir is None


def test_entrees_numpy():
    """Are numpy scalars accepted and plain floats returned?"""
    r = suivi.valeur_acquise(np.int64(4000), np.float64(0.5), 0.375, np.int32(1800))
    assert type(r.ipc) is float and r.ipd == 0.75


def test_affichage_francais_avec_icone_et_mot():
    """Is the status shown with an icon and a word (never colour alone) and French numbers?"""
    r = suivi.valeur_acquise(4000, 0.5, 0.375, 1800)
    texte = str(r)
    assert "🔴 météo rouge" in texte and "0,75" in texte and "4\u202f800\u00a0€" in texte
    assert "Seuils de ce projet" in texte and "cause, une action" in texte
    html = r._repr_html_()
    assert "météo rouge" in html and "<table" in html
    vert = str(suivi.valeur_acquise(1000, 0.5, 0.5, 500))
    assert "🟢 météo verte" in vert and "≥ 1" in vert


@pytest.mark.parametrize(("appel", "erreur", "morceau"), [
    (lambda: suivi.valeur_acquise(0, 0.5, 0.375, 1800), DonneesInvalides, "BAC"),
    (lambda: suivi.valeur_acquise(-4000, 0.5, 0.375, 1800), DonneesInvalides, "négatif"),
    (lambda: suivi.valeur_acquise(4000, 0, 0.375, 1800), DonneesInvalides, "aucun travail n'était prévu"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0, 1800), DonneesInvalides, "aucun travail n'est terminé"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 0), DonneesInvalides, "sans dépense"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, -1), DonneesInvalides, "négatif"),
    (lambda: suivi.valeur_acquise(4000, 50, 0.375, 1800), DonneesInvalides, "écris 0.8 pour 80 %"),
    (lambda: suivi.valeur_acquise(4000, 0.5, -0.1, 1800), DonneesInvalides, "négatif"),
    (lambda: suivi.valeur_acquise("4 000 €", 0.5, 0.375, 1800), TypeInvalide, "texte"),
    (lambda: suivi.valeur_acquise(4000, True, 0.375, 1800), TypeInvalide, "booléen"),
    (lambda: suivi.valeur_acquise(4000, 0.5, math.nan, 1800), DonneesInvalides, "NaN"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=0.95), TypeInvalide, "couple"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.95,)), TypeInvalide, "couple"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.85, 0.95)), DonneesInvalides,
     "au moins celui de l'orange"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(95, 85)), DonneesInvalides,
     "écris 0.8 pour 80 %"),
    (lambda: suivi.valeur_acquise(4000, 0.5, 0.375, 1800, seuils=(0.95, 0)), DonneesInvalides,
     "strictement positif"),
    (lambda: suivi.valeur_acquise(1e308, 1e-300, 1, 1e-300), DonneesInvalides, "trop grands"),
])
def test_erreurs(appel, erreur, morceau):
    """Is every impossible point refused with the obm error, in French, saying how to fix it?"""
    with pytest.raises(erreur) as e:
        appel()
    assert morceau in str(e.value)


fractions = st.floats(0.01, 1)
montants = st.floats(1, 1e7)


@REGLAGES
@given(montants, fractions, fractions, montants)
def test_identites(bac, prevue, realisee, ac):
    """Do the identities of earned value hold (EAC × IPC = BAC, RAF + CR = EAC, weather from min)?"""
    r = suivi.valeur_acquise(bac, prevue, realisee, ac)
    assert r.estimation_a_terminaison * r.ipc == pytest.approx(bac, rel=1e-9)
    assert r.reste_a_faire + r.cout_reel == pytest.approx(r.estimation_a_terminaison, rel=1e-9)
    assert r.ecart_delai == pytest.approx(r.valeur_acquise - r.valeur_planifiee, rel=1e-9, abs=1e-6)
    plus_faible = min(r.ipd, r.ipc)
    attendu = "vert" if plus_faible >= 0.95 else "orange" if plus_faible >= 0.85 else "rouge"
    assert r.meteo == attendu


@REGLAGES
@given(valeurs, valeurs, valeurs, valeurs, st.one_of(valeurs, st.tuples(valeurs, valeurs)))
def test_entrees_quelconques(bac, prevue, realisee, ac, seuils):
    """Does any input give an earned-value point with finite floats, or the obm error, nothing else?"""
    r = appeler(suivi.valeur_acquise, bac, prevue, realisee, ac, seuils=seuils)
    if r is not None:
        assert all(est_float_fini(x) for x in (r.ipd, r.ipc, r.estimation_a_terminaison))
        assert r.meteo in suivi.METEOS


# --- The tracking sheet of Clara's launch (module 05) ------------------------------------------
# data/generer_suivi.py writes it; these tests check it against data/clara.toml, against the
# module 03 rétroplanning (obm.planification) and against its own story, and that the lesson's
# and the exercise's points still teach what they say (red on 16 April; on 23 April, red with
# the course's thresholds, orange with the project's, both dimensions orange).

import importlib.util
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from obm import planification as pl
from obm.donnees import clara
from obm.verifier import ARevoir, PasEncoreFait

RACINE = Path(__file__).resolve().parents[1]
GENERATEUR = RACINE / "data" / "generer_suivi.py"
SEIZE_AVRIL, VINGT_TROIS_AVRIL = date(2027, 4, 16), date(2027, 4, 23)
SEUILS_DU_PROJET = (0.90, 0.75)  # the exercise's thresholds, agreed with Clara


def _generateur():
    spec = importlib.util.spec_from_file_location("generer_suivi", GENERATEUR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def feuille():
    return suivi.feuille_de_suivi()


@pytest.fixture(scope="module")
def journal():
    return suivi.journal_du_montage()


def _point(feuille, jour, seuils=suivi.SEUILS_METEO):
    """The earned-value point of a Friday, computed as the lesson does."""
    lignes = feuille[feuille["date_point"] == jour]
    budget = lignes["budget_ht"].sum()
    vp = (lignes["budget_ht"] * lignes["part_prevue"]).sum()
    va = (lignes["budget_ht"] * lignes["part_realisee"]).sum()
    cr = feuille[feuille["date_point"] <= jour]["cout_semaine_ht"].sum()
    return suivi.valeur_acquise(budget, vp / budget, va / budget, cr, seuils=seuils)


def test_generateur_verifier_passe():
    """Do the committed tracking files equal what data/generer_suivi.py writes (--verifier)?"""
    resultat = subprocess.run([sys.executable, str(GENERATEUR), "--verifier"],
                              capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 0, resultat.stderr


def test_generateur_verifier_echoue_si_un_fichier_change(tmp_path):
    """If the sheet is edited by hand, does --verifier fail, naming the file and the fix?"""
    shutil.copy(GENERATEUR, tmp_path)
    shutil.copy(RACINE / "data" / "outils_generation.py", tmp_path)  # the shared write / check block
    for nom in ("suivi_lancement.csv", "suivi_montage.csv"):
        shutil.copy(RACINE / "data" / nom, tmp_path)
    chemin = tmp_path / "suivi_lancement.csv"
    chemin.write_text(chemin.read_text(encoding="utf-8").replace("1500.00", "1400.00", 1),
                      encoding="utf-8")
    resultat = subprocess.run([sys.executable, str(tmp_path / "generer_suivi.py"), "--verifier"],
                              capture_output=True, text=True, timeout=60)
    assert resultat.returncode != 0
    assert "lance `make data`" in resultat.stderr and "suivi_lancement.csv" in resultat.stderr


def test_budgets_de_la_fiche_de_clara(feuille):
    """Are the budgets those of data/clara.toml (Hugo's and Samir's missions, Léa's and Inès's
    rates), and is every owner someone of the team, or Clara herself?"""
    faits = clara()
    generateur = _generateur()
    taches = feuille[feuille["date_point"] == feuille["date_point"].min()].set_index("id")
    assert taches.loc["MONT", "budget_ht"] == faits.membre("Hugo").budget_mission_ht
    assert taches.loc["PAGE", "budget_ht"] + taches.loc["MAIL", "budget_ht"] == \
        faits.membre("Samir").budget_mission_ht
    for prenom in ("Léa", "Inès"):
        assert generateur.TAUX_HORAIRE_HT[prenom] == faits.membre(prenom).taux_horaire_ht
    assert set(taches["responsable"]) <= {p.prenom for p in faits.equipe} | {faits.clara.prenom}
    assert (taches.loc[taches["responsable"] == "Clara", "budget_ht"] == 0).all()
    assert generateur.OUVERTURE_PANIER == faits.lancement.ouverture_panier


def test_plan_de_reference_du_module_03(feuille):
    """Is the baseline the module 03 rétroplanning with its safety margin: critical tasks at their
    latest dates, the others no later than them and after their predecessors, the webinar tasks
    as the webinar's own rétroplanning?"""
    faits = clara()
    libelles = {"OFF": "offre", "PAGE": "page", "MAIL": "e-mails", "INT": "intégration",
                "PROG": "programmation", "TOUR": "tournage", "MONT": "montage",
                "BA": "bande-annonce", "MEL": "mise en ligne", "PAIE": "paiement"}
    durees = {"OFF": 1, "PAGE": 5, "MAIL": 4, "INT": 2, "PROG": 1, "TOUR": 15, "MONT": 15,
              "BA": 3, "MEL": 3, "PAIE": 1}
    predecesseurs = {"OFF": "", "PAGE": "OFF", "MAIL": "PAGE", "INT": "PAGE, BA",
                     "PROG": "MAIL, INT", "TOUR": "OFF", "MONT": "TOUR", "BA": "MONT",
                     "MEL": "MONT", "PAIE": "OFF"}
    taches = [{"id": i, "tache": libelles[i], "duree": durees[i], "predecesseurs": predecesseurs[i]}
              for i in libelles]
    plan = pl.retroplanning(taches, faits.lancement.ouverture_panier)
    critique = int(sum(plan.loc[plan["critique"], "duree"]))
    marge = math.ceil(0.15 * critique)
    finales = [i for i in plan.index if not any(i in p for p in plan["predecesseurs"])]
    taches.append({"id": "MARGE", "tache": "marge", "duree": marge, "predecesseurs": finales})
    plan = pl.retroplanning(taches, faits.lancement.ouverture_panier)
    reference = feuille[feuille["date_point"] == feuille["date_point"].min()].set_index("id")
    for ident in libelles:
        debut, fin = reference.loc[ident, "debut_prevu"], reference.loc[ident, "fin_prevue"]
        assert pl.jours_ouvres_entre(debut, fin) == durees[ident], ident
        assert debut <= plan.loc[ident, "debut"], ident
        if plan.loc[ident, "critique"]:
            assert (debut, fin) == (plan.loc[ident, "debut"], plan.loc[ident, "fin"]), ident
        for avant in plan.loc[ident, "predecesseurs"]:
            assert reference.loc[avant, "fin_prevue"] < debut, (avant, ident)
    # The webinar: its registration page, then invitations from the day registrations open to
    # the working day before the webinar.
    webinaire = faits.lancement.webinaire.date()
    assert reference.loc["W-INVIT", "debut_prevu"] == faits.lancement.ouverture_inscriptions_webinaire
    assert reference.loc["W-INVIT", "fin_prevue"] == pl.jour_ouvre_precedent(webinaire)
    assert reference.loc["W-INSC", "fin_prevue"] < reference.loc["W-INVIT", "debut_prevu"]


def test_part_prevue_en_jours_ouvres(feuille):
    """Is every planned share the working days of the task already passed, over its duration?"""
    for _, ligne in feuille.iterrows():
        duree = pl.jours_ouvres_entre(ligne["debut_prevu"], ligne["fin_prevue"])
        passes = 0 if ligne["date_point"] < ligne["debut_prevu"] else pl.jours_ouvres_entre(
            ligne["debut_prevu"], min(ligne["date_point"], ligne["fin_prevue"]))
        assert ligne["part_prevue"] == pytest.approx(passes / duree, abs=5e-5), ligne["id"]


def test_histoire_coherente(feuille, journal):
    """Does the story hold: progress never goes back, a fixed-price mission costs its share of the
    price, hours are paid at the owner's rate, Hugo's progress is the videos Clara approved,
    and everything is done before the cart opens?"""
    generateur = _generateur()
    for ident, lignes in feuille.sort_values("date_point").groupby("id"):
        parts = list(lignes["part_realisee"])
        assert parts == sorted(parts), ident
        mode = {t[0]: t[3] for t in generateur.TACHES}[ident]
        if mode == "mission":
            cumul = lignes["cout_semaine_ht"].cumsum()
            assert list(cumul.round(2)) == list((lignes["budget_ht"] * lignes["part_realisee"]).round(2)), ident
        elif mode == "heures":
            taux = generateur.TAUX_HORAIRE_HT[lignes["responsable"].iloc[0]]
            assert list(lignes["cout_semaine_ht"]) == list(lignes["heures_semaine"] * taux), ident
        else:
            assert (lignes["cout_semaine_ht"] == 0).all(), ident
    montage = feuille[feuille["id"] == "MONT"]
    for _, ligne in montage.iterrows():
        validees = sum(1 for d in journal["validee_le"] if d <= ligne["date_point"])
        assert ligne["part_realisee"] == validees / len(journal)
    assert (journal["tournage_fini_le"] <= journal["livree_le"]).all()
    assert (journal["livree_le"] <= journal["validee_le"]).all()
    tour = feuille[feuille["id"] == "TOUR"]
    fin_du_tournage = max(journal["tournage_fini_le"])
    assert fin_du_tournage > tour["fin_prevue"].iloc[0]  # the filming was late
    assert min(journal["livree_le"]) > fin_du_tournage  # Hugo waits for all the rushes
    derniere = feuille[feuille["date_point"] == feuille["date_point"].max()]
    assert (derniere["part_realisee"] == 1).all()
    assert feuille["date_point"].max() < clara().lancement.ouverture_panier
    assert all(d.weekday() == 4 for d in set(feuille["date_point"]))  # points are on Fridays


def test_les_points_de_la_lecon_et_de_l_exercice(feuille, journal):
    """Do the two points still teach what the lesson and the exercise say?"""
    seize = _point(feuille, SEIZE_AVRIL)
    assert seize.meteo == "rouge" and seize.ipd < 0.85 <= seize.ipc < 0.95
    assert seize.ecart_cout < 0 and seize.valeur_acquise < seize.valeur_planifiee
    vingt_trois = _point(feuille, VINGT_TROIS_AVRIL)
    assert vingt_trois.meteo == "rouge"
    assert _point(feuille, VINGT_TROIS_AVRIL, SEUILS_DU_PROJET).meteo == "orange"
    # Both dimensions orange with the project's thresholds (the report has two actions), and the
    # best index alone would give another weather (the « green with a red dimension » mistake).
    assert suivi.meteo_de(vingt_trois.ipd, seuils=SEUILS_DU_PROJET) == "orange"
    assert suivi.meteo_de(vingt_trois.ipc, seuils=SEUILS_DU_PROJET) == "orange"
    assert suivi.meteo_de(max(vingt_trois.ipd, vingt_trois.ipc)) != vingt_trois.meteo
    # Before the montage, no paid work was planned: earned value had nothing to say.
    avant = feuille[feuille["date_point"] == date(2027, 4, 2)]
    assert (avant["budget_ht"] * avant["part_prevue"]).sum() == 0
    # On 23 April one video is delivered but not yet approved (the exercise's trap).
    assert sum(journal["livree_le"] <= VINGT_TROIS_AVRIL) == sum(journal["validee_le"] <= VINGT_TROIS_AVRIL) + 1
    # At the end the SPI is back to 1 although the montage finished late.
    fin = _point(feuille, feuille["date_point"].max())
    assert fin.ipd == pytest.approx(1.0) and max(journal["validee_le"]) > \
        feuille.loc[feuille["id"] == "MONT", "fin_prevue"].iloc[0]


def test_meteo_d_un_indice():
    """Does meteo_de give the weather of one index, with the course's or the project's thresholds?"""
    assert suivi.meteo_de(0.95) == "vert" and suivi.meteo_de(0.9499) == "orange"
    assert suivi.meteo_de(0.85) == "orange" and suivi.meteo_de(0.8) == "rouge"
    assert suivi.meteo_de(0.8, seuils=SEUILS_DU_PROJET) == "orange"
    assert suivi.meteo_de(np.float64(1.2)) == "vert"
    with pytest.raises(DonneesInvalides, match="négatif"):
        suivi.meteo_de(-0.1)
    with pytest.raises(TypeInvalide):
        suivi.meteo_de("0,9")
    with pytest.raises(DonneesInvalides, match="au moins celui de l'orange"):
        suivi.meteo_de(0.9, seuils=(0.7, 0.8))


def test_tableau_du_point_en_francais(feuille):
    """Is the sheet shown in French (percentages, euros, « — » for Clara's unpaid tasks), and is a
    day without a point refused with the Fridays named?"""
    tableau = suivi.tableau_du_point(feuille, SEIZE_AVRIL)
    texte = str(tableau)
    assert "vendredi 16 avril 2027" in texte and "— (son temps)" in texte
    assert "\u00a0%" in texte and "\u00a0€" in texte and "True" not in texte and "2027-" not in texte
    assert len(tableau.lignes) == 13 and "<table" in tableau._repr_html_()
    with pytest.raises(DonneesInvalides, match="vendredi"):
        suivi.tableau_du_point(feuille, date(2027, 4, 15))
    with pytest.raises(ErreurOBM, match="colonne"):
        suivi.tableau_du_point(feuille.drop(columns=["part_prevue"]), SEIZE_AVRIL)


def test_courbe_en_s_et_texte_alternatif(feuille):
    """Does the S-curve carry a text alternative that reads the point (behind plan, over cost)?"""
    figure = suivi.courbe_en_s(feuille, SEIZE_AVRIL)
    alt = figure.get_label()
    assert alt.startswith("Courbe en S") and "vendredi 16 avril 2027" in alt
    assert "en dessous de la valeur planifiée" in alt and "en dessous du coût réel" in alt
    assert len(figure.axes[0].lines) >= 3


def test_burndown_ligne_ideale_et_lecture(journal):
    """Does the burndown draw a straight ideal line from the total to zero over the planned
    working days, and read a curve above it as late, below it as ahead?"""
    debut, fin = date(2027, 4, 7), date(2027, 4, 27)
    figure = suivi.burndown(journal, SEIZE_AVRIL, debut=debut, fin=fin)
    ideal = figure.axes[0].lines[0].get_ydata()
    assert ideal[0] == len(journal) and ideal[-1] == pytest.approx(0)
    pentes = {round(b - a, 9) for a, b in zip(ideal, ideal[1:])}
    assert len(pentes) == 1  # one step per working day: a straight line
    alt = figure.get_label()
    assert "6 vidéos sur 8" in alt and "3,7" in alt and "c'est un retard" in alt
    en_avance = journal.assign(validee_le=[date(2027, 4, 7)] * len(journal))
    assert "c'est une avance" in suivi.burndown(en_avance, SEIZE_AVRIL, debut=debut, fin=fin).get_label()
    with pytest.raises(DonneesInvalides, match="avant"):
        suivi.burndown(journal, SEIZE_AVRIL, debut=fin, fin=debut)
    with pytest.raises(DonneesInvalides, match="vide"):
        suivi.burndown(journal.iloc[0:0], SEIZE_AVRIL, debut=debut, fin=fin)


# The weekly point of 23 April, as the exercise's model answer writes it (shortened): a one-level
# dictionary, one line per field.
def _point_hebdo():
    return {
        "resume": "Le lancement tient, mais le montage reste en retard ; le budget dépasse un peu.",
        "meteo_delais": "orange",
        "constat_delais": "4 vidéos validées sur 8, la ligne idéale en prévoyait près de 7.",
        "cause_delais": "Le tournage a fini le 13 avril au lieu du 6.",
        "action_delais": "Hugo a accepté de livrer les trois dernières vidéos d'ici jeudi 29.",
        "responsable_delais": "Hugo", "echeance_delais": date(2027, 4, 29),
        "meteo_couts": "orange", "constat_couts": "Le travail fait a coûté plus que son budget.",
        "cause_couts": "Les visuels du prélancement ont été refaits une fois.",
        "action_couts": "Je revois avec Léa les heures de ses tâches restantes.",
        "responsable_couts": "moi (l'OBM)", "echeance_couts": date(2027, 4, 30),
        "decision": "Accepter que la bande-annonce soit montée sur la marge de sécurité ?",
    }


@pytest.mark.parametrize(("changement", "erreur", "morceau"), [
    (lambda p: p.update(action_couts=""), ARevoir, "il leur faut une action"),
    (lambda p: p.update(responsable_delais="l'équipe"), ARevoir, "une seule personne"),
    (lambda p: p.update(responsable_couts="Léa et Inès"), ARevoir, "une seule personne"),
    (lambda p: p.update(echeance_delais="dès que possible"), ARevoir, "doit être une date"),
    (lambda p: p.update(echeance_couts=date(2027, 4, 21)), ARevoir, "pas après la date du point"),
    (lambda p: p.update(meteo_delais="vert"), ARevoir, "ne correspond pas à ton IPD"),
    (lambda p: p.update(meteo_delais="Orange"), ARevoir, "écris \"vert\""),
    (lambda p: p.update(meteo="orange"), ARevoir, "n'est pas une ligne du modèle"),
    (lambda p: p.pop("decision"), ARevoir, "il manque la ligne"),
    (lambda p: p.pop("cause_couts"), ARevoir, "il manque la ligne 'cause_couts'"),
    (lambda p: p.update(resume="Ça va."), ARevoir, "une phrase au moins"),
    (lambda p: p.update(cause_delais=...), PasEncoreFait, "cause_delais"),
    (lambda p: p.update(resume=" ".join(["mot"] * 450)), ARevoir, "deux minutes"),
])
def test_point_hebdo_forme_refusee(feuille, changement, erreur, morceau):
    """Is every form mistake of the weekly point named, in French, with what to do?"""
    point_hebdo = _point_hebdo()
    changement(point_hebdo)
    point = _point(feuille, VINGT_TROIS_AVRIL)
    with pytest.raises(erreur) as e:
        suivi.controler_point_hebdo(point_hebdo, point, VINGT_TROIS_AVRIL, seuils=SEUILS_DU_PROJET)
    assert morceau in e.value.message


def test_point_hebdo_forme_acceptee(feuille):
    """Are the model point, a green dimension left empty, and any single first name accepted;
    an untouched model « pas encore fait »?"""
    point = _point(feuille, VINGT_TROIS_AVRIL)
    suivi.controler_point_hebdo(_point_hebdo(), point, VINGT_TROIS_AVRIL, seuils=SEUILS_DU_PROJET)
    vert = _point_hebdo()
    vert.update(meteo_couts="vert", constat_couts="Le travail fait a coûté ce qu'il devait coûter.",
                cause_couts="", action_couts="", responsable_couts="", echeance_couts="")
    suivi.controler_point_hebdo(vert, point, VINGT_TROIS_AVRIL, seuils=(0.85, 0.5))
    with pytest.raises(PasEncoreFait):
        suivi.controler_point_hebdo(..., point, VINGT_TROIS_AVRIL)
    with pytest.raises(PasEncoreFait, match="valeur acquise"):
        suivi.controler_point_hebdo(_point_hebdo(), ..., VINGT_TROIS_AVRIL, seuils=SEUILS_DU_PROJET)


class _Titres(HTMLParser):
    def __init__(self):
        super().__init__()
        self.titres, self.scripts = [], 0
        self._dans = None

    def handle_starttag(self, tag, attrs):
        self._dans = tag
        self.scripts += tag == "script"

    def handle_data(self, data):
        if self._dans in ("h1", "h2"):
            self.titres.append(data)

    def handle_endtag(self, tag):
        self._dans = None


def test_rapport_ecrit_en_markdown_et_html(feuille, tmp_path):
    """Is the weekly report written in Markdown and HTML with the worst dimension as the overall
    weather (an icon and a word), the declared thresholds, each orange dimension's cause, action,
    owner and date in French, and the learner's text escaped in the page?"""
    point = _point(feuille, VINGT_TROIS_AVRIL)
    point_hebdo = _point_hebdo()
    point_hebdo["meteo_delais"] = "orange"
    point_hebdo["resume"] = "Le lancement tient <script>alert(1)</script>, le montage reste en retard."
    markdown, page = suivi.ecrire_rapport(point_hebdo, point, VINGT_TROIS_AVRIL, tmp_path,
                                          seuils=SEUILS_DU_PROJET)
    assert (markdown.name, page.name) == ("05_rapport_avancement.md", "05_rapport_avancement.html")
    texte = markdown.read_text(encoding="utf-8")
    assert texte.startswith("# Point d'avancement du vendredi 23 avril 2027")
    assert "🟠 météo orange" in texte and "vert à partir de 0,90, orange à partir de 0,75" in texte
    for champ in ("**Cause**", "**Action**", "**Responsable**", "**Échéance**\u202f: jeudi 29 avril 2027"):
        assert champ in texte
    assert "| Indice de performance des délais (IPD) | 0,78 |" in texte
    lecteur = _Titres()
    lecteur.feed(page.read_text(encoding="utf-8"))
    assert lecteur.titres[0].startswith("Point d'avancement") and lecteur.scripts == 0
    assert any("Délais" in t for t in lecteur.titres) and any("Coûts" in t for t in lecteur.titres)
    # The overall weather is the worst dimension: a red one makes the report red.
    rouge = _point_hebdo()
    rouge["meteo_delais"] = "rouge"  # IPD 0,78 under an orange threshold of 0,80
    markdown, _ = suivi.ecrire_rapport(rouge, point, VINGT_TROIS_AVRIL, tmp_path, seuils=(0.99, 0.80))
    assert "Météo d'ensemble\u202f: 🔴 météo rouge" in markdown.read_text(encoding="utf-8")
    with pytest.raises(DonneesInvalides, match="pas encore la bonne forme"):
        suivi.ecrire_rapport(..., point, VINGT_TROIS_AVRIL, tmp_path)


def test_apercu_sans_fichier(feuille, tmp_path, monkeypatch):
    """Does the lesson's preview show the report without writing any file?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    apercu = suivi.apercu_rapport(_point_hebdo(), _point(feuille, VINGT_TROIS_AVRIL),
                                  VINGT_TROIS_AVRIL, seuils=SEUILS_DU_PROJET)
    assert "Point d'avancement du vendredi 23 avril 2027" in str(apercu)
    assert "<h1>" in apercu._repr_html_() and not list(tmp_path.iterdir())


def test_modele_du_point_se_recopie(feuille):
    """Is the printed model valid Python whose `...` make the check say « pas encore fait »?"""
    espace = {}
    exec(suivi.texte_modele_point(), espace)  # noqa: S102
    with pytest.raises(PasEncoreFait):
        suivi.controler_point_hebdo(espace["point_hebdo"], _point(feuille, VINGT_TROIS_AVRIL),
                                    VINGT_TROIS_AVRIL)


def test_prevu_et_realise_depuis_la_fiche():
    """Does the objective-versus-result table take its figures from data/clara.toml?"""
    texte = str(suivi.tableau_prevu_realise())
    faits = clara()
    r = faits.lancement.resultats
    assert f"{faits.lancement.objectif_ventes} ventes" in texte and f"{r.ventes} commandes" in texte
    for montant in (r.ventes_conclues_ttc, r.ventes_conclues_nettes_ttc, r.encaisse_commandes_ttc,
                    faits.lancement.objectif_ventes * faits.programme.prix_ttc):
        assert obm_fr.euros(montant, 0) in texte


def test_comparer_points():
    """Does comparer_points line up the indices and weathers of several points, with words?"""
    tableau = suivi.comparer_points({"départ": suivi.valeur_acquise(4000, 0.5, 0.375, 1800),
                                     "seuils souples": suivi.valeur_acquise(4000, 0.5, 0.375, 1800,
                                                                            seuils=(0.75, 0.5))})
    texte = str(tableau)
    assert "🔴 météo rouge" in texte and "🟢 météo verte" in texte and "0,75" in texte
    with pytest.raises(TypeInvalide):
        suivi.comparer_points({"x": 0.5})


def test_widget_les_seuils_changent_la_meteo_pas_les_indices():
    """In the widget, does lowering the orange threshold turn red into orange, the indices
    unchanged, and do impossible thresholds show a French message instead of a crash?"""
    from obm.widgets import valeur_acquise_interactive

    widget = valeur_acquise_interactive(4136, 0.3636, 0.2222, 983)
    avant = widget.point
    assert "météo rouge" in widget.meteo.value
    widget.seuil_orange.value = 0.60
    assert "météo orange" in widget.meteo.value
    # Each slider's value is written the French way beside it (ipywidgets' own readout is off).
    assert not any(curseur.readout for curseur in widget.curseurs)
    assert ">0,60<" in widget.valeurs[3].value and ">983\u00a0€<" in widget.valeurs[1].value
    assert (widget.point.ipd, widget.point.ipc) == (avant.ipd, avant.ipc)
    widget.cout_reel.value = avant.cout_reel + 200
    assert widget.point.ipc < avant.ipc and widget.point.ipd == avant.ipd
    widget.seuil_orange.value = 0.99
    assert widget.point is None and "seuil du vert" in widget.meteo.value
