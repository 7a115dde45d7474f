"""obm.clarte: the instruction analyser against its labelled corpus, DESIGN.md's labelling rules
one by one, its remarks, its result object and any input.

The accuracy tests read tests/donnees/corpus_clarte.toml (labels from DESIGN.md's rules and the
conventions of tests/donnees/LISEZMOI_corpus.md). The analyser was tuned on the `reglage` split;
the `test` split was written afterwards and is only measured. Run with `-s` to see the figures.
The thresholds sit a little under the measured values (held-out split, first measurement:
mots_flous 98.8 %, echeance 100 %, responsable 95.2 %, critere_fini 95.2 %; expressions:
precision 100 %, recall 97.8 %), so a regression fails and a reworded text does not.
"""

import dataclasses
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obm.clarte import AnalyseConsigne, analyser_consigne
from obm.erreurs import ErreurOBM, TypeInvalide

CORPUS = Path(__file__).resolve().parent / "donnees" / "corpus_clarte.toml"
BOOLEENS = ("echeance", "responsable", "critere_fini")
CHAMPS = ("mots_flous",) + BOOLEENS
# Per split: the least accuracy per field, and the least precision / recall on expressions.
SEUILS = {"reglage": {"champ": 0.95, "expressions": 0.95},
          "test": {"champ": 0.90, "expressions": 0.90}}
NBSP = "\u202f"


def corpus() -> list[dict]:
    return tomllib.loads(CORPUS.read_text(encoding="utf-8"))["consigne"]


def _sans_casse(expressions) -> set[str]:
    return {e.lower() for e in expressions}


# ---------------------------------------------------------------- the corpus and the accuracy


def test_corpus_bien_forme():
    """Is the corpus large enough (120 or more), with unique ids, well-typed labels, vague
    expressions copied from their text, and both splits filled (about 2/3 and 1/3)?"""
    entrees = corpus()
    assert len(entrees) >= 120
    assert len({e["id"] for e in entrees}) == len(entrees)
    for e in entrees:
        assert e["jeu"] in ("reglage", "test"), e["id"]
        assert all(type(e[b]) is bool for b in BOOLEENS), e["id"]
        assert isinstance(e["mots_flous"], list), e["id"]
        assert e["texte"].strip() and e["note"].strip() and e["categorie"], e["id"]
        for expression in e["mots_flous"]:
            assert expression in e["texte"], (e["id"], expression)  # as written
        assert len(_sans_casse(e["mots_flous"])) == len(e["mots_flous"]), e["id"]
    test = sum(e["jeu"] == "test" for e in entrees)
    assert 0.25 <= test / len(entrees) <= 0.40
    # every field takes both values in the held-out split
    tenus = [e for e in entrees if e["jeu"] == "test"]
    for b in BOOLEENS:
        assert {e[b] for e in tenus} == {True, False}, b
    assert any(e["mots_flous"] for e in tenus) and any(not e["mots_flous"] for e in tenus)


def _mesurer(jeu: str):
    entrees = [e for e in corpus() if e["jeu"] == jeu]
    justes = {c: 0 for c in CHAMPS}
    erreurs = {c: [] for c in CHAMPS}
    vrais_positifs = faux_positifs = faux_negatifs = 0
    for e in entrees:
        verdict = analyser_consigne(e["texte"])
        for b in BOOLEENS:
            if getattr(verdict, b) == e[b]:
                justes[b] += 1
            else:
                erreurs[b].append(e["id"])
        if _sans_casse(verdict.mots_flous) == _sans_casse(e["mots_flous"]):
            justes["mots_flous"] += 1
        else:
            erreurs["mots_flous"].append(e["id"])
        attendu, trouve = _sans_casse(e["mots_flous"]), _sans_casse(verdict.mots_flous)
        vrais_positifs += len(attendu & trouve)
        faux_positifs += len(trouve - attendu)
        faux_negatifs += len(attendu - trouve)
    trouves = vrais_positifs + faux_positifs
    precision = vrais_positifs / trouves if trouves else 1.0
    rappel = vrais_positifs / (vrais_positifs + faux_negatifs)
    return entrees, justes, erreurs, precision, rappel


@pytest.mark.parametrize("jeu", ["reglage", "test"])
def test_exactitude_par_champ(jeu, record_property):
    """Does the analyser agree with the corpus on each field separately, on this split, above
    the threshold (mots_flous: the exact set of expressions of a text)? Does each boolean field
    beat a constant answer (always its most frequent value)?"""
    entrees, justes, erreurs, _, _ = _mesurer(jeu)
    n = len(entrees)
    exactitude = {c: justes[c] / n for c in CHAMPS}
    ligne = " · ".join(f"{c} {100 * exactitude[c]:.1f} % ({justes[c]}/{n})" for c in CHAMPS)
    print(f"\nanalyser_consigne, jeu {jeu} ({n} consignes) : {ligne}")
    for c in CHAMPS:
        record_property(f"exactitude_{jeu}_{c}", round(exactitude[c], 4))
    seuil = SEUILS[jeu]["champ"]
    trop_bas = {c: erreurs[c] for c in CHAMPS if exactitude[c] < seuil}
    assert not trop_bas, f"exactitude sous {seuil:.0%} sur le jeu {jeu} ({ligne}) ; " \
                         f"consignes en désaccord : {trop_bas}"
    for b in BOOLEENS:
        constante = max(sum(e[b] for e in entrees), sum(not e[b] for e in entrees))
        assert justes[b] > constante, f"{b} : {justes[b]}/{n}, pas mieux qu'une réponse " \
                                      f"constante ({constante}/{n})"


@pytest.mark.parametrize("jeu", ["reglage", "test"])
def test_precision_et_rappel_des_expressions(jeu, record_property):
    """At the level of expressions (each labelled vague expression of each text), are the
    precision and the recall of `mots_flous` above the threshold on this split?"""
    _, _, _, precision, rappel = _mesurer(jeu)
    print(f"\nmots_flous, jeu {jeu} : précision {100 * precision:.1f} %, "
          f"rappel {100 * rappel:.1f} %")
    record_property(f"precision_expressions_{jeu}", round(precision, 4))
    record_property(f"rappel_expressions_{jeu}", round(rappel, 4))
    seuil = SEUILS[jeu]["expressions"]
    assert precision >= seuil and rappel >= seuil, (precision, rappel)


# ---------------------------------------------------------------- DESIGN.md's rules, one by one


def test_exemple_du_cours_et_sa_reecriture():
    """Does the course's worked example come out as the lesson says, and its rewrite as clear?"""
    avant = analyser_consigne("Léa, peux-tu envoyer rapidement le mail replay quand c'est prêt ?")
    assert (avant.mots_flous, avant.echeance, avant.responsable, avant.critere_fini) == \
        (["rapidement"], False, True, False)
    assert not avant.claire
    apres = analyser_consigne(
        "Léa : mercredi 12 mai 2027 avant 10:00 (heure de Paris), programme l'e-mail \"Replay\" "
        "(modèle R-02) pour la liste \"Webinar 11/05 – inscrits\". Terminé = envoi programmé, test "
        "reçu, capture dans la carte \"Replay\". Si la vidéo n'est pas en ligne à 09:00, préviens "
        "Hugo et moi.")
    assert apres.claire, apres.remarques
    assert apres.remarques == [f"Consigne claire{NBSP}: une responsable, une date, un critère de "
                               "fin et aucun mot flou."]


@pytest.mark.parametrize("texte, attendus", [
    ("Samir, il faut que ce soit bien fait.", ["bien"]),
    ("Samir, bien reçu. Eh bien, tout est bien arrivé, bien sûr.", []),
    ("Clara, merci bien ! C'est bien le bon fichier ? Bien à toi.", []),
    ("Hugo, gère et checke le montage, puis vois avec Inès.", ["gère", "checke", "vois avec"]),
    ("Inès, tu t'en occupes ? Occupe-toi aussi des stories.", ["t'en occupes", "Occupe-toi"]),
    ("Samir, améliore le taux de clic de 15 %.", []),
    ("Samir, améliore le taux de clic.", ["améliore"]),
    ("Hugo, optimise la vidéo pour atteindre 2 Mo... objectif 30 %.", []),
    ("Léa, prévois environ 3 visuels et quelques stories.", ["environ", "quelques"]),
    ("Inès, publie demain, puis après-demain, et lundi prochain.",
     ["demain", "après-demain", "lundi prochain"]),
    ("Hugo, livre la vidéo mercredi avant 10 h.", []),
    ("Léa, ton propre compte suffit ; garde une page propre.", ["propre"]),
    ("Léa, remplace « dès que possible » et \"ASAP\" par une date.", []),
    ("Ok, à bientôt !", []),
    ("Samir, des que possible, ecris un mail simple, etc.", ["des que possible", "simple", "etc."]),
])
def test_mots_flous(texte, attendus):
    """Are vague words found as written, once, in text order, with DESIGN.md's exceptions
    (« bien » as a judgement only, a target number after améliorer/optimiser, quoted text,
    « propre » meaning « own », a weekday alone)?"""
    assert analyser_consigne(texte).mots_flous == attendus


def test_une_expression_une_fois():
    """Is an expression repeated (in any case) listed once, in its first spelling?"""
    assert analyser_consigne("Demain, Léa ; demain aussi, Hugo.").mots_flous == ["Demain"]


@pytest.mark.parametrize("texte, attendu", [
    ("Léa, envoie-le le 12 mai.", True),
    ("Léa, envoie-le le 12/05 à 9 h.", True),
    ("Léa, envoie-le le mardi 1er juin 2027.", True),
    ("Léa, envoie-le le 2027-05-12.", True),
    ("Léa, envoie-le mercredi avant 10 h.", False),
    ("Léa, envoie-le le 12.", False),
    ("Léa, envoie-le demain à 9 h.", False),
    ("Léa, envoie-le demain (12 mai).", True),
    ("Léa, écris « le 12 mai » dans l'objet.", False),
    ("Léa, note 1/2 page et le support 24/7.", False),
])
def test_echeance(texte, attendu):
    """Is a calendar date (day and month) a deadline, and a weekday alone, a day without its
    month, a relative date or a quoted date not?"""
    assert analyser_consigne(texte).echeance is attendu


@pytest.mark.parametrize("texte, attendu", [
    ("Léa, peux-tu relire la page ?", True),
    ("@Inès publie le post.", True),
    ("Bonjour Hugo, il faut exporter la vidéo.", True),
    ("À faire par Hugo : l'export.", True),
    ("Samir s'en charge.", True),
    ("Responsable : Léa.", True),
    ("Julie, peux-tu relire le devis ?", True),
    ("On relit la page.", False),
    ("L'équipe relit la page.", False),
    ("Quelqu'un peut relire la page ?", False),
    ("Je m'en charge.", False),
    ("Hugo a relu la page. Pense à la publier.", False),
    ("Bonjour à toutes, il faut relire la page.", False),
    ("Léa et Hugo, pouvez-vous relire la page ?", False),
    ("Léa, pour info, la page est en ligne.", False),
    ("Peux-tu relire la page ?", False),
])
def test_responsable(texte, attendu):
    """Is one named person asked or assigned, and « on », « l'équipe », « quelqu'un », the
    writer, a merely mentioned person, a greeting to several or an unnamed request not?"""
    assert analyser_consigne(texte).responsable is attendu


@pytest.mark.parametrize("texte, attendu", [
    ("Léa, prépare les visuels. Terminé = 3 PNG validés par Clara.", True),
    ("Léa, prépare les visuels. C'est fini quand Clara les a validés.", True),
    ("Léa, livrable : le planning en CSV.", True),
    ("Hugo, exporte le fichier MP4 1080p.", True),
    ("Hugo, dépose la vidéo dans le dossier Replay du Drive.", True),
    ("Inès, prépare 5 stories.", True),
    ("Léa, prépare les visuels.", False),
    ("Hugo, fais au mieux.", False),
    ("Inès, prépare 5 stories : quiz, sondage, etc.", False),
    ("Hugo, livre le teaser. Terminé = fais au mieux.", False),
    ("Inès, prépare environ 5 stories.", False),
    # An explicit « Terminé = » that is only an intention governs: a count or a format written
    # elsewhere does not turn it into a criterion (the mistake « fini comme une intention »).
    ("Hugo, sous-titre les 3 vidéos pour le 23 avril. Terminé = fais au mieux.", False),
    ("Inès, crée 4 visuels PNG pour le 26 avril. Terminé = que ce soit joli, etc.", False),
    ("Hugo, livre les 3 vidéos. Terminé = fais au mieux, 3 fichiers MP4 dans le Drive.", True),
])
def test_critere_fini(texte, attendu):
    """Is an explicit statement of done or an observable format, place or count a criterion,
    and an intention, a bare verb, a list ending in « etc. » or a vague count not?"""
    assert analyser_consigne(texte).critere_fini is attendu


# ---------------------------------------------------------------- remarks and the result


def test_remarques_citent_les_mots_et_disent_quoi_ajouter():
    """Does each missing part get a French remark that quotes the words at fault and says what
    to add, with narrow no-break spaces before colons and inside guillemets?"""
    analyse = analyser_consigne("Bonjour à toutes ! Il faut gérer rapidement les visuels "
                                "mercredi, etc.")
    texte = "\n".join(analyse.remarques)
    titres = [r.split(NBSP + ":")[0] for r in analyse.remarques]
    assert titres == ["Mots flous", "Mots flous", "Mots flous", "Échéance", "Responsable",
                      "Critère de fin"]
    for attendu in (f"«{NBSP}rapidement{NBSP}»", f"«{NBSP}gérer{NBSP}»",
                    f"«{NBSP}etc.{NBSP}»", f"«{NBSP}mercredi{NBSP}» seul", "le jour et le mois",
                    "Écris tout ce qui est attendu", "Nomme", "(verbe vague)"):
        assert attendu in texte, attendu
    assert " :" not in texte and "« " not in texte and " »" not in texte


def test_remarques_responsable_selon_le_cas():
    """Does the owner remark name the reason: several people, nobody asked, the writer, a
    pronoun, a person only mentioned?"""
    def remarque(texte):
        return next(r for r in analyser_consigne(texte).remarques if r.startswith("Responsable"))
    assert "plusieurs personnes" in remarque("Léa et Hugo, il faut relire.")
    assert "sans rien demander" in remarque("Léa, pour info, c'est en ligne.")
    assert "c'est toi qui t'en charges" in remarque("Je m'en charge.")
    assert f"aucun nom, seulement «{NBSP}On{NBSP}»" in remarque("On relit.")
    assert f"tu cites «{NBSP}Hugo{NBSP}»" in remarque("Hugo a fini. Relis la page.")


def test_texte_vide():
    """Is an empty text analysed (nothing found, one remark saying what to write), not refused?"""
    for texte in ("", "   \n\t"):
        analyse = analyser_consigne(texte)
        assert (analyse.mots_flous, analyse.echeance, analyse.responsable,
                analyse.critere_fini, analyse.claire) == ([], False, False, False, False)
        assert len(analyse.remarques) == 1 and analyse.remarques[0].startswith("Consigne vide")


@pytest.mark.parametrize("valeur", [42, None, ["Léa, peux-tu…"], b"Lea", 3.5, True])
def test_type_invalide(valeur):
    """Is anything but a text refused with the French obm error that shows how to write it?"""
    with pytest.raises(TypeInvalide) as erreur:
        analyser_consigne(valeur)
    assert isinstance(erreur.value, ErreurOBM)
    assert "doit être un texte entre guillemets" in str(erreur.value)


def test_resultat_se_serialise_et_s_affiche():
    """Can the result travel as JSON, print as text and show as escaped HTML in a notebook?"""
    analyse = analyser_consigne("Hugo, écris <b>URGENT</b> dans l'objet rapidement.")
    donnees = json.loads(json.dumps(analyse.en_dict()))
    assert donnees["mots_flous"] == ["rapidement"] and donnees["claire"] is False
    assert set(donnees) == {"mots_flous", "echeance", "responsable", "critere_fini", "claire",
                            "remarques"}
    assert analyse.manquants == ["mots_flous", "echeance", "critere_fini"]
    assert "rapidement" in str(analyse) and "❌" in str(analyse)
    page = analyse._repr_html_()
    assert "<b>URGENT</b>" not in page and "&lt;b&gt;URGENT" in page
    assert '<mark style="background:#fff3cd">rapidement</mark>' in page
    assert "Échéance" in page and "Critère de fin" in page
    assert analyse.details["responsable"] == ["Hugo"]


def test_resultat_reconstruit_champ_par_champ():
    """Can the result be rebuilt from its fields (as the answers-as-data engine will), and does
    the rebuilt result show the same?"""
    analyse = analyser_consigne("Léa, peux-tu gérer le replay demain ?")
    champs = {f.name: getattr(analyse, f.name) for f in dataclasses.fields(analyse)}
    copie = type(analyse)(**champs)
    assert copie == analyse and copie._repr_html_() == analyse._repr_html_()


def test_import_leger():
    """Does `import obm.clarte` load none of pandas, numpy, Babel, matplotlib, ipywidgets or
    nbgrader (the widget re-runs it at each keystroke; grading cells import it cold)?"""
    code = ("import sys, obm.clarte; lourds = [m for m in ('pandas', 'numpy', 'babel', "
            "'matplotlib', 'ipywidgets', 'nbgrader') if m in sys.modules]; print(lourds)")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert sortie.stdout.strip() == "[]"


# ---------------------------------------------------------------- any input

REGLAGES = settings(database=None, max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
morceaux = st.sampled_from([
    "Léa", "Hugo, ", "@Inès ", "bien", " bien reçu", "Terminé = ", "Livrable : ", "12/05",
    "le 12 mai",
    "mercredi", "demain", "etc.", "« ", " »", "\"", "Bonjour à toutes, ", "il faut ", "peux-tu ",
    " ", "\n", ", ", ". ", " ? ", "améliore de 20 %", "environ 3", "MP4", "dans le dossier",
    "é", "\u0301", "\u202f", "’", "İ", "ß", "🙏", "-", "x", "3",
])
textes = st.one_of(st.text(), st.lists(morceaux, max_size=30).map("".join))
valeurs = st.one_of(textes, st.none(), st.integers(), st.floats(), st.booleans(),
                    st.lists(st.text(max_size=5), max_size=3), st.binary(max_size=5))


@REGLAGES
@given(valeur=valeurs)
def test_entree_quelconque(valeur):
    """Does any input give a result or the obm error, nothing else?"""
    try:
        analyse = analyser_consigne(valeur)
    except ErreurOBM as erreur:
        assert not isinstance(valeur, str) and str(erreur).strip()
        return
    assert isinstance(analyse, AnalyseConsigne)


@REGLAGES
@given(texte=textes)
def test_proprietes_du_resultat(texte):
    """For any text: are the vague expressions taken from the text as written, once each, is
    `claire` exactly « no vague word and three yes », is there at least one remark, and does
    the same text give the same result?"""
    analyse = analyser_consigne(texte)
    for expression in analyse.mots_flous:
        assert expression and expression in " ".join(analyse.texte.split())
    assert len(_sans_casse(analyse.mots_flous)) == len(analyse.mots_flous)
    assert analyse.claire == (not analyse.mots_flous and analyse.echeance and analyse.responsable
                              and analyse.critere_fini)
    assert analyse.remarques and all(isinstance(r, str) and r for r in analyse.remarques)
    assert analyser_consigne(texte) == analyse
    json.dumps(analyse.en_dict())


# ---------------------------------------------------------------- exercise helpers and deliverable


@pytest.mark.parametrize("texte, mots, attendu", [
    ("Hugo, peux-tu créer les sous-titres ?", ["Hugo", "sous-titre"], True),
    ("HUGO : les sous titres des vidéos", ["Hugo", "sous-titre"], True),
    ("Ines, les visuels", ["Inès", "visuel"], True),
    ("Léa, range ton bureau le 12 mai.", ["Hugo", "sous-titre"], False),
    ("Hugo, la vidéo 3", ["Hugo", "sous-titre"], False),
    (None, ["Hugo"], False),
])
def test_parle_de(texte, mots, attendu):
    """Does the topic check find every word, whatever the case, accents, hyphens or spaces?"""
    from obm.clarte import parle_de

    assert parle_de(texte, mots) is attendu


def _lire_markdown(chemin):
    """The headings and list items of a Markdown file, read with mistune (Jupyter's reader)."""
    import mistune

    jetons = mistune.create_markdown(renderer=None, plugins=["table"])(
        chemin.read_text(encoding="utf-8"))

    def texte(jeton):
        if "raw" in jeton:
            return jeton["raw"]
        return "".join(texte(j) for j in jeton.get("children", []))

    titres = [(j["attrs"]["level"], texte(j)) for j in jetons if j["type"] == "heading"]
    listes = [[texte(item) for item in j["children"]] for j in jetons if j["type"] == "list"]
    ordonnees = [j for j in jetons if j["type"] == "list" and j["attrs"].get("ordered")]
    tableaux = [j for j in jetons if j["type"] == "table"]
    return titres, listes, ordonnees, tableaux


def test_modele_sop_complet_se_relit(tmp_path, monkeypatch):
    """Is the SOP written into livrables/07_modele_sop.md a Markdown file with the lesson's
    skeleton (one title, every section, the numbered steps, the header table), and does the
    automatic review name the vague word of a step?"""
    from obm.clarte import ecrire_modele_sop

    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    recu = ecrire_modele_sop(
        titre="Programmer les rappels", reference="SOP-WEB-03", mise_a_jour="19 avril 2027",
        responsable="Léa", objectif="Chaque inscrite reçoit les rappels.",
        declencheur="La réunion Zoom est créée.", prerequis=["un accès à l'outil d'e-mailing"],
        etapes=["Copie le lien Zoom.", "Programme rapidement le rappel.", "Envoie-toi un test."],
        echeance="Deux jours avant le webinaire, 18:00, heure de Paris.",
        termine="Terminé = trois envois programmés.", si_probleme="Préviens Clara.",
        modeles=["modèle « Rappel J-1 »"])
    assert recu.chemin == tmp_path / "livrables" / "07_modele_sop.md" and recu.dans_livrables
    assert recu.contenu["etapes"] == 3 and recu.contenu["a_completer"] == 0
    titres, listes, ordonnees, tableaux = _lire_markdown(recu.chemin)
    assert titres[0] == (1, "SOP · Programmer les rappels")
    assert [t for n, t in titres if n == 2] == [
        "Objectif", "Déclencheur", "Prérequis et accès", "Étapes", "Échéance", "Terminé =",
        "Si ça coince", "Modèles et liens"]
    assert len(ordonnees) == 1 and len(ordonnees[0]["children"]) == 3
    assert ["Copie le lien Zoom.", "Programme rapidement le rappel.", "Envoie-toi un test."] in listes
    assert any(item.startswith("étape 2") and "rapidement" in item for liste in listes for item in liste)
    assert len(tableaux) == 1
    texte = recu.chemin.read_text(encoding="utf-8")
    assert "SOP-WEB-03" in texte and "Léa" in texte and "(à compléter)" not in texte


def test_modele_sop_vierge_ne_plante_pas(tmp_path, monkeypatch):
    """Untouched exercise: do `...` answers give a template whose sections say « (à compléter) »?"""
    from obm.clarte import ecrire_modele_sop

    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path / "livrables"))
    recu = ecrire_modele_sop(titre="Programmer les rappels", responsable=..., etapes=...,
                             echeance=..., termine=..., si_probleme=...)
    assert recu.contenu == {"format": "md", "etapes": 0, "a_completer": 5,
                            "resume": "0 étape, 5 rubriques encore à compléter"}
    titres, _, ordonnees, _ = _lire_markdown(recu.chemin)
    assert ("Étapes" in [t for _, t in titres]) and not ordonnees
    assert recu.chemin.read_text(encoding="utf-8").count("(à compléter)") >= 8


# ---------------------------------------------------------------- Clara's facts in module 07


def test_le_sejour_de_hugo_a_montreal_vient_de_clara_toml():
    """Hugo's stay in Montréal is a fact of data/clara.toml: does the lesson read it there, and do
    the exercise's statements (Q4, Q6 a) give the same city, dates and offset, with both
    deadlines inside the stay?"""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from obm.donnees import clara

    sejour = clara().membre("Hugo").deplacement
    assert sejour.du <= dt.date(2027, 4, 23) <= sejour.au
    # the offset is the real one at these dates (summer time on both sides)
    for jour in (sejour.du, sejour.au):
        paris = dt.datetime(jour.year, jour.month, jour.day, 18, tzinfo=ZoneInfo("Europe/Paris"))
        montreal = paris.astimezone(ZoneInfo("America/Toronto"))
        assert paris.hour - montreal.hour == sejour.heures_de_moins_que_paris
    racine = Path(__file__).resolve().parents[1]

    def texte(chemin):
        cellules = json.loads((racine / chemin).read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cellules).replace("\u202f", " ")

    lecon = texte("course/modules/07_clarte/lecon.ipynb")
    assert 'clara().membre("Hugo").deplacement' in lecon
    exercice = texte("solutions/07_clarte/exercice.ipynb")
    en_lettres = {6: "six"}[sejour.heures_de_moins_que_paris]
    assert (f"Du {sejour.du.day} au {sejour.au.day} avril, Hugo travaille depuis {sejour.ville}, "
            f"{en_lettres} heures plus tôt qu'à Paris.") in exercice
    assert f"Hugo travaille depuis {sejour.ville} jusqu'au {sejour.au.day} avril" in exercice
