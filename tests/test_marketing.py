"""obm.marketing (module 13): e-mail indicators with their denominators, engagement rates, the
on-page SEO elements of a page, the campaign checklist deliverable, and the engagement widget."""

from __future__ import annotations

import pandas as pd
import pytest

from obm import marketing
from obm.donnees import chemin_donnees, clara
from obm.erreurs import DonneesInvalides, ErreurOBM, IdentifiantInconnu, TypeInvalide
from obm.kpi import taux_email


def test_chaque_taux_e_mail_a_son_denominateur():
    """Are delivered, bounce, open, click, click-to-open and unsubscribe rates computed on the
    denominators the lesson states (the worked example of domain-modules § 13)?"""
    r = marketing.indicateurs_email(4800, 48, 2100, 190, 14)
    assert r.delivres == 4752
    assert r.taux_rebond == pytest.approx(48 / 4800)
    assert r.taux_ouverture == pytest.approx(2100 / 4752)
    assert r.taux_clic == pytest.approx(190 / 4752)
    assert r.taux_clic_ouverture == pytest.approx(190 / 2100)
    assert r.taux_desinscription == pytest.approx(14 / 4752)
    assert all(type(getattr(r, nom)) is float for nom in ("taux_clic", "taux_clic_ouverture", "delivres"))


def test_memes_taux_que_obm_kpi_sur_la_sequence():
    """Do the scalar indicators agree with obm.kpi.taux_email on every e-mail of the sequence?"""
    campagnes = pd.read_csv(chemin_donnees("campagnes_email.csv"))
    tableau = taux_email(campagnes)
    for _, ligne in campagnes.iterrows():
        r = marketing.indicateurs_email(ligne["envoyes"], ligne["rebonds_durs"] + ligne["rebonds_temporaires"],
                                        ligne["ouvertures"], ligne["clics"], ligne["desinscriptions"])
        attendu = tableau.loc[ligne["campagne"]]
        assert r.delivres == ligne["delivres"]
        for nom in ("taux_rebond", "taux_ouverture", "taux_clic", "taux_clic_ouverture", "taux_desinscription"):
            assert getattr(r, nom) == pytest.approx(attendu[nom])


@pytest.mark.parametrize("arguments, mot", [
    ((100, 0, 50, 60, 0), "cliqueuses uniques"),     # total clicks taken for unique clickers
    ((100, 0, 120, 10, 0), "total"),                  # total opens above the delivered
    ((100, 100, 0, 0, 0), "vaut 0"),                  # nothing delivered
    ((100, 5, 0, 0, 0), "vaut 0"),                    # no opener: no click-to-open rate
    ((100, 120, 0, 0, 0), "dépasser 100"),             # more bounces than sent
])
def test_les_comptes_impossibles_sont_refuses_en_francais(arguments, mot):
    """Does an impossible report raise the obm error, saying what to check?"""
    with pytest.raises(DonneesInvalides) as erreur:
        marketing.indicateurs_email(*arguments)
    assert mot in str(erreur.value)


@pytest.mark.parametrize("valeur", [True, "5432", None, -3, 12.5, float("nan")])
def test_les_entrees_qui_ne_sont_pas_des_comptes_sont_refusees(valeur):
    """Are a bool, a text, None, a negative, a fraction and NaN refused with the obm error?"""
    with pytest.raises(ErreurOBM):
        marketing.indicateurs_email(valeur, 0, 0, 0, 0)


def test_le_taux_d_engagement_depend_du_denominateur():
    """Does the same post give three rates, one per named denominator (Clara's figures)?"""
    post = clara()["marketing"]["publication_instagram"]
    interactions = post["mentions_j_aime"] + post["commentaires"] + post["enregistrements"] + post["partages"]
    abonnes = clara()["audience"]["instagram"]
    taux = {nom: marketing.taux_engagement(interactions, **{nom: v})
            for nom, v in (("abonnes", abonnes), ("portee", post["portee"]), ("impressions", post["impressions"]))}
    assert taux["abonnes"] == pytest.approx(interactions / abonnes)
    assert taux["abonnes"] < taux["impressions"] < taux["portee"]
    assert marketing.taux_engagement(400, portee=300) == pytest.approx(4 / 3)  # may exceed 1


@pytest.mark.parametrize("nommes", [{}, {"abonnes": 100, "portee": 50}])
def test_un_seul_denominateur_nomme(nommes):
    """Must exactly one denominator be named (none or two raise, in French)?"""
    with pytest.raises(TypeInvalide, match="un seul dénominateur"):
        marketing.taux_engagement(10, **nommes)
    with pytest.raises(DonneesInvalides):
        marketing.taux_engagement(10, portee=0)


def test_elements_seo_d_une_page_simple():
    """Does the reader find the title, the meta descriptions, the headings in order with the level
    before each, and the images with their alt (None when missing, "" when empty)?"""
    page = """<html><head><title> Mon  titre </title><meta name="Description" content="Une page.">
    </head><body><h1>Un</h1><h3>Trois <em>bis</em></h3><h2>Deux</h2>
    <img src="a.png" alt="Un schéma"><img src="b.svg" alt=""><img src="c.jpg"></body></html>"""
    e = marketing.elements_seo(page)
    assert e.title == "Mon titre" and e.longueur_title == 9
    assert e.meta_descriptions == ["Une page."]
    assert list(e.titres["balise"]) == ["h1", "h3", "h2"]
    assert list(e.titres["niveau_precedent"]) == [0, 1, 3]
    assert list(e.titres["texte"]) == ["Un", "Trois bis", "Deux"]
    assert list(e.images["src"]) == ["a.png", "b.svg", "c.jpg"]
    assert list(e.images["alt"]) == ["Un schéma", "", None]
    assert list(e.images["alt_present"]) == [True, True, False]
    vide = marketing.elements_seo("<p>rien</p>")
    assert vide.title is None and vide.longueur_title == 0 and len(vide.titres) == 0 and len(vide.images) == 0
    with pytest.raises(TypeInvalide):
        marketing.elements_seo(None)


def test_la_page_de_vente_a_les_defauts_decrits_dans_data_readme():
    """Does the shipped sales page carry the defects data/README.md lists, and nothing else?"""
    e = marketing.elements_seo(marketing.lire_page())
    assert e.title == "Accueil"
    assert len(e.meta_descriptions) == 2
    assert list(e.titres["niveau"]).count(1) == 2
    sauts = e.titres[e.titres["niveau"] > e.titres["niveau_precedent"] + 1]
    assert len(sauts) == 1
    assert len(e.images) == 7
    assert (~e.images["alt_present"]).sum() == 1
    assert (e.images["alt"] == "").sum() == 2
    with pytest.raises(IdentifiantInconnu):
        marketing.lire_page("campagnes_email.csv")


def test_la_checklist_est_ecrite_et_se_relit(tmp_path, monkeypatch):
    """Is the checklist written to livrables/13_checklist_campagne.md with a heading, and refused
    while it is still the placeholder?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    chemin = marketing.ecrire_checklist_campagne("- [ ] Un lien de désinscription dans chaque e-mail, "
                                                 "vérifié sur un envoi de test avant chaque campagne.")
    assert chemin == tmp_path / "13_checklist_campagne.md"
    texte = chemin.read_text(encoding="utf-8")
    assert texte.startswith("# ") and "désinscription" in texte
    with pytest.raises(DonneesInvalides):
        marketing.ecrire_checklist_campagne(...)
    with pytest.raises(TypeInvalide):
        marketing.ecrire_checklist_campagne("trop court")


def test_le_widget_change_de_taux_avec_le_denominateur():
    """Does choosing « portée » in the widget replace the rate on followers by the rate on reach?"""
    pytest.importorskip("ipywidgets")
    from obm.widgets import engagement_interactif

    vue = engagement_interactif(400, 12000, 3200, 4500)
    assert "3,3" in vue.resultat.value and "abonnés" in vue.resultat.value
    vue.choix.value = "portee"
    assert "12,5" in vue.resultat.value and "portée" in vue.resultat.value
    with pytest.raises(DonneesInvalides):
        engagement_interactif(400, 12000, 0, 4500)


def test_questionnaire_la_bonne_reponse_n_est_jamais_la_plus_longue():
    """In exercise 13's quiz (Q6), is no right answer recognisable by its length? A learner who
    always ticks the longest, most nuanced option must not score: the right answer is never the
    strictly longest of its question."""
    import ast
    import json
    from pathlib import Path

    racine = Path(__file__).resolve().parents[1]
    cellules = json.loads((racine / "solutions" / "13_marketing" / "exercice.ipynb").read_text(encoding="utf-8"))["cells"]
    source = {c.get("id"): "".join(c["source"]) for c in cellules}
    options = {}
    for noeud in ast.walk(ast.parse(source["quiz_regles"])):
        if isinstance(noeud, ast.Call) and getattr(noeud.func, "id", None) == "choix_unique":
            options[noeud.args[0].value] = ast.literal_eval(noeud.args[2])
    solution = source["reponse_quiz"].split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    cle = ast.literal_eval(solution.split("=", 1)[1].strip())
    assert set(cle) == set(options) and len(options) == 4
    for question, lettre in cle.items():
        longueurs = {l: len(texte) for l, texte in options[question].items()}
        autres = [n for l, n in longueurs.items() if l != lettre]
        assert longueurs[lettre] <= max(autres), f"{question} : la bonne réponse est la plus longue"
