"""Le projet final (module 21) : la grille analytique par compétence et le rapport du projet.

Une **grille analytique** note chaque critère à part, sur des niveaux décrits par ce qu'on peut
observer dans la copie (Brookhart, *How to Create and Use Rubrics*, ASCD 2013 ; Moskal 2000).
Chaque critère est relié à une compétence du cours (GP1… RO1) et pèse une part de la note ; les
pondérations font 100 %. La note vaut Σ pondération × niveau ÷ niveau maximal.

- :func:`lire_grille` lit la grille du projet final (``grille_projet_final.toml``, à côté de ce module) ;
- :func:`controler_grille` refuse une grille mal construite (pondérations qui ne font pas
  100 %, critère sans compétence du cours, compétence comptée deux fois, niveaux de nombres
  différents, mots flous comme « bon » ou « excellent », descripteur qui ne fait que compter) ;
- :func:`note_grille` calcule la note pondérée à partir des niveaux choisis ;
- :func:`tableau_grille` présente la grille en tableau ;
- :func:`ecrire_rapport_projet` écrit le rapport du projet final dans ``livrables/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from obm.erreurs import DonneesInvalides, IdentifiantInconnu

FINE = "\u202f"

# Level words that judge without describing (domain-modules § 21): refused in a descriptor.
MOTS_DE_JUGEMENT = ("bon", "bonne", "bons", "bonnes", "excellent", "excellente", "excellents",
                    "excellentes", "satisfaisant", "satisfaisante", "insuffisant", "insuffisante",
                    "médiocre", "moyen", "moyenne", "parfait", "parfaite", "très bien", "assez bien",
                    "correct", "correcte", "pertinent", "pertinente", "de qualité")

# A descriptor that only counts (« au moins 10 phrases », « 3 fautes ») says nothing of quality.
_COMPTAGE = re.compile(
    r"\b(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
    r"(?:phrases?|mots|lignes|fautes?|paragraphes?|pages?|idées)\b", re.IGNORECASE)


class GrilleInvalide(DonneesInvalides):
    """Une grille de correction mal construite (le message dit quoi corriger)."""


def chemin_grille() -> Path:
    """Le chemin de la grille du projet final, ``grille_projet_final.toml`` à côté de ce module
    (elle voyage avec la bibliothèque : la leçon, l'exercice et la correction la lisent partout)."""
    return Path(__file__).resolve().parent / "grille_projet_final.toml"


def lire_grille(chemin=None):
    """Lit une grille de correction (par défaut celle du projet final) et la renvoie.

    La grille se lit comme un dictionnaire ou par le point : ``grille.criteres[0].ponderation``.
    """
    import tomllib

    from obm.donnees import _en_faits

    chemin = Path(chemin) if chemin is not None else chemin_grille()
    with open(chemin, "rb") as fichier:
        return _en_faits(tomllib.load(fichier))


def _competences_du_cours():
    from obm.syllabus import charger

    return list(charger().competences)


def _mots_de_jugement(texte: str) -> list[str]:
    minuscules = texte.lower()
    return [mot for mot in MOTS_DE_JUGEMENT if re.search(rf"(?<![\w'’-]){re.escape(mot)}(?![\w-])", minuscules)]


def problemes_grille(grille, competences=None) -> list[str]:
    """Les défauts d'une grille, une phrase par défaut (une liste vide : la grille est bien construite).

    ``competences`` : les codes permis (par défaut, ceux du syllabus du cours).
    """
    from obm.clarte import analyser_consigne

    codes = list(competences) if competences is not None else _competences_du_cours()
    criteres = list(grille.get("criteres", []))
    if not criteres:
        return ["La grille n'a aucun critère : ajoute des [[criteres]]."]
    problemes = []
    total = sum(c.get("ponderation", 0) for c in criteres)
    if total != 100:
        problemes.append(f"Les pondérations font {total}{FINE}% au lieu de 100{FINE}% : "
                         "ajuste-les pour que leur somme fasse exactement 100.")
    vues = {}
    nombres = {len(c.get("descripteurs", [])) for c in criteres}
    if len(nombres) > 1:
        problemes.append("Les critères n'ont pas le même nombre de niveaux "
                         f"({', '.join(str(n) for n in sorted(nombres))}) : une grille analytique "
                         "décrit chaque critère sur les mêmes niveaux.")
    for critere in criteres:
        nom = critere.get("id", "?")
        competence = critere.get("competence")
        if competence not in codes:
            problemes.append(f"Le critère « {nom} » n'est relié à aucune compétence du cours "
                             f"(« {competence} ») : donne-lui un code comme GP1 ou FI1.")
        elif competence in vues:
            problemes.append(f"Les critères « {vues[competence]} » et « {nom} » notent la même "
                             f"compétence ({competence}) : la même compétence serait comptée deux "
                             "fois ; fusionne-les ou relie l'un à une autre compétence.")
        else:
            vues[competence] = nom
        if not 0 < critere.get("ponderation", 0) <= 100:
            problemes.append(f"Le critère « {nom} » a une pondération hors de 1 à 100.")
        descripteurs = list(critere.get("descripteurs", []))
        if not 3 <= len(descripteurs) <= 5:
            problemes.append(f"Le critère « {nom} » a {len(descripteurs)} niveaux : il en faut de 3 à 5.")
        for niveau, descripteur in enumerate(descripteurs, start=1):
            jugements = _mots_de_jugement(descripteur)
            flous = analyser_consigne(descripteur).mots_flous
            if jugements or flous:
                trouves = jugements + list(flous)
                mots = ", ".join(f"« {m} »" for m in trouves)
                verbe = "ne se voient pas" if len(trouves) > 1 else "ne se voit pas"
                problemes.append(f"« {nom} », niveau {niveau} : {mots} {verbe} dans une copie. "
                                 "Décris ce qu'on observe (ce qui est écrit, daté, chiffré, nommé).")
            if _COMPTAGE.search(descripteur):
                problemes.append(f"« {nom} », niveau {niveau} : le descripteur compte "
                                 f"(« {_COMPTAGE.search(descripteur).group(0)} ») au lieu de décrire "
                                 "la qualité de la réponse.")
    return problemes


def controler_grille(grille, competences=None) -> None:
    """Vérifie qu'une grille analytique est bien construite ; lève ``GrilleInvalide`` sinon.

    Les règles (Brookhart 2013) : pondérations qui font 100 % ; chaque critère relié à une
    compétence du cours, et une compétence dans un seul critère ; 3 à 5 niveaux, le même nombre
    pour chaque critère ; des descripteurs observables (pas de « bon », d'« excellent » ni de
    mot flou) qui décrivent la qualité, pas un nombre de phrases.
    """
    problemes = problemes_grille(grille, competences)
    if problemes:
        raise GrilleInvalide("La grille n'est pas prête :\n- " + "\n- ".join(problemes))


def note_grille(grille, niveaux: dict, *, points=None) -> float:
    """La note pondérée : Σ pondération × niveau ÷ niveau maximal, une fraction de 0 à 1.

    ``niveaux`` : ``{id du critère: niveau}``, un niveau entier de 1 au niveau maximal pour
    chaque critère de la grille. Avec ``points``, la note est ramenée sur ce nombre de points.
    Exemple : deux critères à 60 % et 40 %, niveaux 4 et 2 sur 4 → 0,6 × 4/4 + 0,4 × 2/4 = 0.8.
    """
    criteres = list(grille.get("criteres", []))
    if not isinstance(niveaux, dict):
        raise DonneesInvalides("`niveaux` doit être un dictionnaire {critère: niveau}, "
                               "par exemple {\"statut_chiffres\": 3}.")
    ids = [c["id"] for c in criteres]
    for cle in niveaux:
        if cle not in ids:
            raise IdentifiantInconnu(f"« {cle} » n'est pas un critère de la grille ({', '.join(ids)}).")
    total = 0.0
    for critere in criteres:
        if critere["id"] not in niveaux:
            raise DonneesInvalides(f"Il manque le niveau du critère « {critere['id']} ».")
        niveau = niveaux[critere["id"]]
        maximum = len(critere["descripteurs"])
        if isinstance(niveau, bool) or not isinstance(niveau, int) or not 1 <= niveau <= maximum:
            raise DonneesInvalides(f"Le niveau de « {critere['id']} » doit être un entier de 1 à "
                                   f"{maximum} (tu as écrit {niveau!r}).")
        total += critere["ponderation"] / 100 * niveau / maximum
    return total * points if points is not None else total


def criteres_de(grille, note: str) -> list:
    """Les critères de la grille qui notent la cellule ``note`` (son ``grade_id``)."""
    return [c for c in grille.get("criteres", []) if c.get("note") == note]


def points_de(grille, note: str) -> float:
    """Les points de la cellule ``note`` : la part de ses critères dans les points de la grille."""
    return sum(c["ponderation"] for c in criteres_de(grille, note)) * grille["points"] / 100


def tableau_grille(grille, note: str | None = None):
    """La grille en tableau : une ligne par critère (compétence, pondération, un descripteur par
    niveau, du plus haut au plus bas). Avec ``note``, seulement les critères de cette cellule."""
    import pandas as pd

    criteres = criteres_de(grille, note) if note else list(grille["criteres"])
    noms = list(grille.get("noms_niveaux", []))
    lignes = []
    for critere in criteres:
        ligne = {"critère": critere["titre"], "compétence": critere["competence"],
                 "pondération": f"{critere['ponderation']}{FINE}%"}
        descripteurs = list(critere["descripteurs"])
        for niveau in range(len(descripteurs), 0, -1):
            nom = noms[niveau - 1] if len(noms) >= niveau else ""
            ligne[f"{niveau} · {nom}".strip(" ·")] = descripteurs[niveau - 1]
        lignes.append(ligne)
    return pd.DataFrame(lignes)


def afficher_grille(grille, note: str | None = None) -> None:
    """Affiche la grille (ou les critères d'une cellule) en tableau lisible, texte renvoyé à la ligne."""
    from IPython.display import HTML, display

    tableau = tableau_grille(grille, note)
    display(HTML(tableau.to_html(index=False, classes="obm-tableau obm-grille", escape=True)))


# ------------------------------------------------------------------ le rapport du projet final


def _ligne_tableau(cellules) -> str:
    return "| " + " | ".join(str(c).replace("|", "/") for c in cellules) + " |"


def ecrire_rapport_projet(chemin, *, cliente, objectif, plan, charges_fixes_ht, seuil_ventes,
                          indicateurs, point, date_point, statut, recommandation) -> str:
    """Écrit le rapport du projet final en Markdown et renvoie son chemin (un texte).

    - ``cliente`` : le nom de la cliente et de son lancement (un titre) ;
    - ``objectif`` : l'objectif du lancement, en une phrase ;
    - ``plan`` : le rétroplanning (résultat de ``obm.planification.retroplanning``) ;
    - ``charges_fixes_ht``, ``seuil_ventes`` : le budget et le seuil de rentabilité ;
    - ``indicateurs`` : un dictionnaire ``{nom de l'indicateur: texte déjà formaté}`` ;
    - ``point``, ``date_point`` : le résultat de ``obm.suivi.valeur_acquise`` et sa date ;
    - ``statut``, ``recommandation`` : tes textes.

    Le rapport a six parties : objectif et plan, rétroplanning résumé, budget, indicateurs,
    statut, recommandation. Il s'ouvre dans tout éditeur de texte et se colle dans Notion ou Google Docs.
    """
    from obm import fr

    textes = {}
    for nom, texte in (("objectif", objectif), ("statut", statut), ("recommandation", recommandation)):
        # A text not written yet (`...`) leaves its place in the report, so the report can be
        # written before every question is done: each question is graded on its own.
        if texte is ... or texte is None:
            textes[nom] = "*(pas encore écrit)*"
        elif not isinstance(texte, str):
            raise DonneesInvalides(f"`{nom}` doit être ton texte, entre guillemets, pas {texte!r}.")
        else:
            textes[nom] = texte.strip()
    objectif, statut, recommandation = textes["objectif"], textes["statut"], textes["recommandation"]
    if not isinstance(indicateurs, dict) or not indicateurs:
        raise DonneesInvalides("`indicateurs` doit être un dictionnaire {indicateur: valeur formatée}.")
    critiques = [str(i) for i in plan.index[plan["critique"]]]
    lignes = [f"# Projet final · {cliente}", "",
              "## Objectif et plan", "", objectif.strip(), "",
              f"Le plan compte {len(plan)} tâches, du {fr.date(plan['debut'].min())} au "
              f"{fr.date(plan['fin'].max())} ; chemin critique{FINE}: {', '.join(critiques)}.", "",
              "## Rétroplanning (résumé)", "",
              _ligne_tableau(["Tâche", "Début", "Fin", "Critique"]), _ligne_tableau(["---"] * 4)]
    for ident, tache in plan.iterrows():
        lignes.append(_ligne_tableau([f"{tache['tache']} ({ident})", fr.date(tache["debut"], "court"),
                                      fr.date(tache["fin"], "court"), fr.oui_non(bool(tache["critique"]))]))
    lignes += ["", "## Budget et seuil de rentabilité", "",
               f"- Charges fixes du lancement{FINE}: {fr.euros(charges_fixes_ht)} HT",
               f"- Seuil de rentabilité{FINE}: {fr(seuil_ventes)} ventes", "",
               "## Indicateurs du lancement", ""]
    lignes += [f"- {nom}{FINE}: {valeur}" for nom, valeur in indicateurs.items()]
    lignes += ["", f"## Statut au {fr.date(date_point)}", "",
               f"Météo {point.meteo} · IPD {fr.nombre(point.ipd, 2)} · IPC {fr.nombre(point.ipc, 2)} · "
               f"coût réel {fr.euros(point.cout_reel)} pour une valeur acquise de {fr.euros(point.valeur_acquise)}.",
               "", statut.strip(), "", "## Recommandation", "", recommandation.strip(), ""]
    chemin = Path(chemin)
    chemin.write_text("\n".join(lignes), encoding="utf-8")
    return str(chemin)

