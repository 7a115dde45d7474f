"""The learner checks of obm.verifier, tested both ways: right answers pass, wrong ones do not."""

import numpy as np
import pandas as pd
import pytest

from obm import verifier as v


def resultat(noms, *controles, **espace):
    return v.controler("q", noms, *controles, espace=espace)


def test_nom_non_defini_pas_encore_fait():
    """Does an undefined name give "pas encore fait" (never a NameError)?"""
    r = resultat("ca_estime", v.nombre())
    assert r.statut == v.PAS_ENCORE_FAIT
    assert "`ca_estime` n'est pas encore défini" in r.message


def test_ellipsis_pas_encore_fait():
    """Is a placeholder `...` treated as not yet done?"""
    assert resultat("x", v.nombre(), x=...).statut == v.PAS_ENCORE_FAIT


def test_fonction_modele_pas_encore_fait():
    """Does a function that still raises NotImplementedError count as not yet done?"""
    def f(a):
        raise NotImplementedError("Remplace ces deux lignes par ta réponse.")
    r = resultat("f", v.fonction(exemples=[(1,)]), f=f)
    assert r.statut == v.PAS_ENCORE_FAIT


@pytest.mark.parametrize("valeur", [47712, 47712.0, np.int64(3), np.float64(2.5)])
def test_nombre_accepte_les_nombres(valeur):
    """Are Python and numpy numbers accepted as numbers?"""
    assert resultat("x", v.nombre(minimum=0), x=valeur).statut == v.FORME_CORRECTE


@pytest.mark.parametrize("valeur, morceau", [
    ("47712", "enlève les guillemets"),
    (True, "booléen"),
    ([1, 2], "un seul calcul"),
    (float("nan"), "NaN"),
    (-3, "moins que 0"),
])
def test_nombre_refuse_avec_une_raison(valeur, morceau):
    """Does a non-number or an impossible number give "à revoir" with the likely cause?"""
    r = resultat("x", v.nombre(minimum=0), x=valeur)
    assert r.statut == v.A_REVOIR
    assert morceau in (r.message + " " + (r.indice or ""))


def test_nombre_entier():
    """Does `entier=True` refuse 2.5 and accept 3.0?"""
    assert resultat("x", v.nombre(entier=True), x=2.5).statut == v.A_REVOIR
    assert resultat("x", v.nombre(entier=True), x=3.0).statut == v.FORME_CORRECTE


def test_taux_en_pourcent_refuse():
    """Does a rate written as 80 instead of 0.8 get the hint "écris 0.8 pour 80 %"?"""
    r = resultat("t", v.taux(), t=80)
    assert r.statut == v.A_REVOIR and "écris 0.8 pour 80 %" in r.indice
    assert resultat("t", v.taux(), t=0.8).statut == v.FORME_CORRECTE


def test_parmi_controle_la_forme_seulement():
    """Does a choice check accept any allowed choice and name the allowed ones otherwise?"""
    assert resultat("c", v.parmi("a", "b", "c"), c="b").statut == v.FORME_CORRECTE
    r = resultat("c", v.parmi("a", "b", "c"), c="d")
    assert r.statut == v.A_REVOIR and "'a', 'b', 'c'" in r.indice


def test_liste():
    """Does the list check catch a non-list, wrong element types, duplicates and emptiness?"""
    controle = v.liste(de=str, sans_doublon=True)
    assert resultat("l", controle, l=["Hugo", "Samir"]).statut == v.FORME_CORRECTE
    assert resultat("l", controle, l="Hugo, Samir").statut == v.A_REVOIR
    assert resultat("l", controle, l=["Hugo", 3]).statut == v.A_REVOIR
    assert resultat("l", controle, l=["Hugo", "Hugo"]).statut == v.A_REVOIR
    assert resultat("l", controle, l=[]).statut == v.A_REVOIR
    assert resultat("l", v.liste(de=int), l=[1, True]).statut == v.A_REVOIR


def test_dictionnaire():
    """Does the dict check name a missing key and a key that is not expected?"""
    controle = v.dictionnaire(cles=["Léa", "Inès"], valeurs=v.nombre(minimum=0))
    assert resultat("d", controle, d={"Léa": 15, "Inès": 10}).statut == v.FORME_CORRECTE
    r = resultat("d", controle, d={"Lea": 15, "Inès": 10})
    assert r.statut == v.A_REVOIR and "'Léa'" in r.message
    r = resultat("d", controle, d={"Léa": 15, "Inès": "10"})
    assert r.statut == v.A_REVOIR and "'Inès'" in r.message


def test_tableau():
    """Does the DataFrame check name a missing column?"""
    df = pd.DataFrame({"tache": ["a"], "duree": [1]})
    assert resultat("df", v.tableau(colonnes=["tache", "duree"]), df=df).statut == v.FORME_CORRECTE
    r = resultat("df", v.tableau(colonnes=["tache", "debut"]), df=df)
    assert r.statut == v.A_REVOIR and "'debut'" in r.message
    assert resultat("df", v.tableau(), df=[1, 2]).statut == v.A_REVOIR


def test_fonction_sans_return():
    """Does a function that forgets `return` get the hint about `return`?"""
    def f(a):
        a * 2
    r = resultat("f", v.fonction(exemples=[(1,)]), f=f)
    assert r.statut == v.A_REVOIR and "return" in r.indice
    assert resultat("f", v.fonction(exemples=[(1,)], renvoie=int), f=lambda a: a * 2).reussi


def test_erreur_dans_le_code_de_l_apprenante():
    """Does an exception raised by the learner's code become "à revoir", not a traceback?"""
    r = resultat("f", v.fonction(exemples=[(0,)]), f=lambda a: 1 / a)
    assert r.statut == v.A_REVOIR and "ZeroDivisionError" in r.message


def test_plusieurs_noms_et_coherence():
    """With several names, are per-name checks prefixed by the name and consistency checks run?"""
    def coherence(ventes, ca):
        if ca < ventes:
            raise v.ARevoir("incohérent", "multiplie")
    noms = {"ventes": v.nombre(), "ca": v.nombre()}
    assert resultat(noms, coherence, ventes=96, ca=47712).reussi
    r = resultat(noms, coherence, ventes=96, ca="beaucoup")
    assert r.statut == v.A_REVOIR and r.message.startswith("`ca` :")
    assert resultat(noms, coherence, ventes=96, ca=10).message == "incohérent"
    assert resultat(noms, coherence, ventes=96).statut == v.PAS_ENCORE_FAIT


def test_espace_de_l_appelant():
    """Without `espace`, does the check read the caller's global names (like a notebook cell)?"""
    globals()["_reponse_de_test"] = 12
    try:
        assert v.controler("q", "_reponse_de_test", v.nombre()).reussi
    finally:
        del globals()["_reponse_de_test"]


def test_affichage_et_statut_machine():
    """Does a result carry French HTML, plain text and the machine-readable status beside it?"""
    r = resultat("x", v.taux(), x=3)
    bundle = r._repr_mimebundle_()
    assert bundle[v.MIME_STATUT]["question"] == "q"
    assert bundle[v.MIME_STATUT]["statut"] == "a_revoir"
    # A fingerprint of the answer travels with the status (never the answer itself).
    assert len(bundle[v.MIME_STATUT]["empreinte"]) == 20
    assert "À revoir" in bundle["text/html"] and "À revoir" in bundle["text/plain"]


def test_message_html_echappe():
    """Is the learner's own text escaped in the HTML message (no markup injection)?"""
    r = resultat("x", v.parmi("a"), x="<b>gras</b>")
    assert "<b>gras</b>" not in r._repr_html_() and "&lt;b&gt;" in r._repr_html_()


def test_verifier_affiche_et_ne_renvoie_rien(capsys):
    """Does verifier() show the result (plain text outside Jupyter) and return None?"""
    assert v.verifier("q", "x", v.nombre(), espace={"x": 5}) is None
    assert "Forme correcte" in capsys.readouterr().out
