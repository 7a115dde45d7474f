"""Relier la vision aux projets (module 15) : objectifs et résultats clés (OKR).

Les définitions du cours, tenues dans tous les modules :

- la **mission** dit pourquoi l'entreprise existe et pour qui, aujourd'hui ;
- la **vision** dit le futur voulu, à plusieurs années (Collins et Porras, HBR 1996, visent
  10 à 30 ans ; la vision de Clara, entreprise d'une personne, vise 2030) ;
- un **objectif** dit ce qu'on veut atteindre dans l'année ; ses **résultats clés** disent, avec
  un nombre et une échéance, à quoi on saura qu'il est atteint (Grove chez Intel, Doerr 2018) ;
- un **projet** est le travail qui fait avancer un ou plusieurs résultats clés.

Les fonctions :

- :func:`score_resultat_cle` note un résultat clé de 0 à 1 depuis sa valeur de départ ;
- :func:`couleur_score` lit une note comme Google : vert, jaune ou rouge ;
- :func:`verifier_okr` relit la forme d'un jeu d'OKR (trop d'objectifs, trop de résultats clés,
  un résultat clé sans nombre ou qui décrit une tâche) ;
- :func:`projets_orphelins` et :func:`resultats_cles_non_couverts` trouvent les projets reliés à
  aucun résultat clé et les résultats clés qu'aucun projet n'alimente ;
- :func:`arbre_okr` dessine l'arbre vision → objectifs → résultats clés → projets, en image et
  en Markdown ; :func:`ecrire_arbre_okr` l'écrit dans ``livrables/`` ;
- :func:`okr_clara` lit l'année 2027 de Clara dans ``data/clara.toml``.

Les objectifs et les résultats clés s'écrivent comme des listes de dictionnaires ::

    objectifs = [{"id": "O1", "titre": "…", "type": "ambitieux"}]
    resultats_cles = [{"id": "O1-RC1", "objectif": "O1", "trimestre": "T2",
                       "texte": "50 ventes au lancement de mai 2027", "depart": 0, "cible": 50}]

et les projets comme un dictionnaire ``{nom du projet: [identifiants des résultats clés]}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from obm import _validation as v
from obm.erreurs import ErreurOBM

__all__ = [
    "MAX_OBJECTIFS",
    "MAX_RESULTATS_CLES",
    "MIN_OBJECTIFS",
    "TYPES_OKR",
    "ArbreOKR",
    "OKRInvalide",
    "arbre_okr",
    "couleur_score",
    "ecrire_arbre_okr",
    "membres_presentes_cercle",
    "okr_clara",
    "projets_orphelins",
    "resultats_cles_non_couverts",
    "score_resultat_cle",
    "verifier_okr",
]

# Doerr, Measure What Matters (2018): three to five objectives per cycle, at most five key results each.
MIN_OBJECTIFS = 3
MAX_OBJECTIFS = 5
MAX_RESULTATS_CLES = 5
# « ambitieux » (aspirational: about 0.6-0.7 is a success) and « engagé » (committed: 1.0 expected).
# « engage », without the accent, is still accepted (older data).
TYPES_OKR = ("ambitieux", "engagé", "engage")

# Verbs that open a task rather than a measurable result (« Lancer le webinaire »). A first,
# formal filter: a task written as a noun (« Refonte de la page ») passes it; the lesson says so.
_VERBES_DE_TACHE = (
    "lancer", "faire", "refaire", "créer", "envoyer", "publier", "organiser", "préparer", "mettre",
    "rédiger", "écrire", "tourner", "monter", "animer", "refondre", "développer", "construire",
    "installer", "concevoir", "planifier", "réaliser", "tenir", "participer", "travailler",
    "finir", "terminer", "commencer", "recruter", "ouvrir", "traduire", "migrer",
)
# « Faire passer le taux d'ouverture de 32 % à 40 % » is the usual French shape of a key result:
# « faire » followed by one of these verbs describes a change to measure, not a task.
_FAIRE_UN_CHANGEMENT = ("passer", "monter", "baisser", "progresser", "grimper", "croître",
                        "reculer")
_CHIFFRE = re.compile(r"\d")


class OKRInvalide(ErreurOBM, ValueError):
    """Un objectif, un résultat clé ou un projet mal décrit (le message dit quoi corriger)."""


# ------------------------------------------------------------------------------ notation


def score_resultat_cle(depart, cible, atteint) -> float:
    """La note d'un résultat clé, de 0 à 1 : (atteint − départ) ÷ (cible − départ), bornée à [0 ; 1].

    On part de la valeur au début du cycle (``depart``) : passer de 40 % à 51 % quand on visait
    60 %, c'est 11 points sur les 20 à faire, soit 0,55 (pas 51 ÷ 60). Dépasser la cible donne
    1,0 ; reculer donne 0. La cible peut être plus basse que le départ (un taux de
    remboursement à faire baisser). Résultat non arrondi.

    >>> score_resultat_cle(0.40, 0.60, 0.51)
    0.55...
    """
    d = v.nombre(depart, "depart")
    c = v.nombre(cible, "cible")
    a = v.nombre(atteint, "atteint")
    if c == d:
        raise OKRInvalide(
            f"La cible ({v._affiche(c)}) est égale à la valeur de départ : ce résultat clé ne "
            "demande aucun progrès, il n'y a rien à noter. Fixe une cible différente du départ.")
    return min(1.0, max(0.0, (a - d) / (c - d)))


def couleur_score(score) -> str:
    """La lecture d'une note comme chez Google : « vert » de 0,7 à 1, « jaune » de 0,4 à 0,7
    (exclu), « rouge » en dessous de 0,4.

    La couleur ne dit pas si l'OKR est réussi : un OKR **ambitieux** est réussi vers 0,6–0,7 ; un
    OKR **engagé** est attendu à 1,0, et 0,9 y est un manqué à expliquer.
    """
    s = v.nombre(score, "score")
    if not 0 <= s <= 1:
        raise OKRInvalide(f"Une note d'OKR va de 0 à 1, pas {v._affiche(s)} : borne-la, ou "
                          "relis la formule de score_resultat_cle.")
    if s >= 0.7:
        return "vert"
    if s >= 0.4:
        return "jaune"
    return "rouge"


# ------------------------------------------------------------------------------ relecture


def _objectifs(objectifs) -> list[dict]:
    if not isinstance(objectifs, (list, tuple)) or not objectifs:
        raise OKRInvalide("`objectifs` doit être une liste non vide de dictionnaires "
                          '{"id": "O1", "titre": "…", "type": "ambitieux"}.')
    vus = []
    for rang, o in enumerate(objectifs, start=1):
        if not isinstance(o, dict) or "id" not in o or "titre" not in o:
            raise OKRInvalide(f"L'objectif n° {rang} doit être un dictionnaire avec au moins "
                              '"id" et "titre".')
        if o.get("type", "ambitieux") not in TYPES_OKR:
            raise OKRInvalide(f"Le type de l'objectif {o['id']} est « {o.get('type')} » : écris "
                              '"ambitieux" ou "engagé".')
        if str(o["id"]) in vus:
            raise OKRInvalide(f"Deux objectifs portent l'identifiant {o['id']} : donne à chacun le sien.")
        vus.append(str(o["id"]))
    return list(objectifs)


def _resultats_cles(resultats_cles) -> list[dict]:
    if not isinstance(resultats_cles, (list, tuple)):
        raise OKRInvalide("`resultats_cles` doit être une liste de dictionnaires "
                          '{"id": "O1-RC1", "objectif": "O1", "texte": "…", …}.')
    vus = []
    for rang, r in enumerate(resultats_cles, start=1):
        if not isinstance(r, dict) or "id" not in r or "texte" not in r:
            raise OKRInvalide(f"Le résultat clé n° {rang} doit être un dictionnaire avec au moins "
                              '"id" et "texte".')
        if str(r["id"]) in vus:
            raise OKRInvalide(f"Deux résultats clés portent l'identifiant {r['id']} : donne à "
                              "chacun le sien.")
        vus.append(str(r["id"]))
    return list(resultats_cles)


def _projets(projets) -> dict:
    if not isinstance(projets, dict):
        raise OKRInvalide("`projets` doit être un dictionnaire {nom du projet: [identifiants des "
                          'résultats clés]}, par exemple {"Refonte du logo": []}.')
    for nom, liens in projets.items():
        if isinstance(liens, str) or not isinstance(liens, (list, tuple)):
            raise OKRInvalide(f"Les liens du projet « {nom} » doivent être une liste "
                              '(["O1-RC1"], ou [] s\'il n\'en a aucun).')
    return projets


def _est_une_tache(texte: str) -> bool:
    mots = [m.lower().strip("«»\"',") for m in texte.split()]
    if not mots:
        return False
    if mots[0] == "faire" and len(mots) > 1 and mots[1] in _FAIRE_UN_CHANGEMENT:
        return False
    return mots[0] in _VERBES_DE_TACHE


def verifier_okr(objectifs, resultats_cles) -> list[str]:
    """Relit la forme d'un jeu d'OKR et renvoie la liste des problèmes trouvés, en français
    (une liste vide : rien à signaler).

    Ce qu'elle repère : moins de 3 ou plus de 5 objectifs ; plus de 5 résultats clés pour un
    objectif, ou aucun ; un résultat clé relié à un objectif inconnu ; un résultat clé **sans
    nombre** (« ce n'est pas un résultat clé s'il n'a pas de nombre ») ; un résultat clé qui
    commence par un verbe d'action (« Lancer le webinaire ») et décrit donc **une tâche**.
    C'est un filtre de forme : une tâche écrite comme un nom (« Refonte de la page ») lui
    échappe ; relis toujours le sens.
    """
    objectifs = _objectifs(objectifs)
    resultats_cles = _resultats_cles(resultats_cles)
    problemes = []
    n = len(objectifs)
    if n > MAX_OBJECTIFS:
        problemes.append(f"{n} objectifs : c'est trop pour un cycle. Garde-en de {MIN_OBJECTIFS} "
                         f"à {MAX_OBJECTIFS}, les plus importants ; les autres attendent.")
    elif n < MIN_OBJECTIFS:
        problemes.append(f"{n} objectif(s) seulement : un cycle en compte de {MIN_OBJECTIFS} à "
                         f"{MAX_OBJECTIFS}. Vérifie qu'il ne manque pas une priorité.")
    ids_objectifs = [str(o["id"]) for o in objectifs]
    for o in objectifs:
        siens = [r for r in resultats_cles if str(r.get("objectif")) == str(o["id"])]
        if not siens:
            problemes.append(f"L'objectif {o['id']} n'a aucun résultat clé : à quoi saura-t-on "
                             "qu'il est atteint ?")
        elif len(siens) > MAX_RESULTATS_CLES:
            problemes.append(f"L'objectif {o['id']} a {len(siens)} résultats clés : "
                             f"{MAX_RESULTATS_CLES} au plus ; garde ceux qui prouvent le mieux "
                             "qu'il est atteint.")
    for r in resultats_cles:
        texte = str(r["texte"])
        if str(r.get("objectif")) not in ids_objectifs:
            problemes.append(f"Le résultat clé {r['id']} est relié à l'objectif "
                             f"« {r.get('objectif')} », qui n'existe pas.")
        if _est_une_tache(texte):
            problemes.append(f"Le résultat clé {r['id']} (« {texte} ») décrit une tâche, pas un "
                             "résultat : dis ce que cette tâche doit faire bouger, avec un nombre.")
        elif not _CHIFFRE.search(texte):
            problemes.append(f"Le résultat clé {r['id']} (« {texte} ») n'a pas de nombre : ce "
                             "n'est pas un résultat clé s'il n'a pas de nombre.")
    return problemes


# ------------------------------------------------------------------------------ l'arbre


def projets_orphelins(projets, resultats_cles) -> list[str]:
    """Les projets reliés à **aucun** résultat clé de la liste, dans l'ordre de ``projets``.

    ``projets`` : ``{nom: [identifiants]}`` ; ``resultats_cles`` : la liste des résultats clés
    (dictionnaires avec "id") ou de leurs identifiants. Un lien vers un objectif, ou vers un
    résultat clé qui n'est plus dans la liste, ne compte pas : le projet reste orphelin.
    """
    projets = _projets(projets)
    ids = _ids(resultats_cles)
    return [nom for nom, liens in projets.items() if not any(str(x) in ids for x in liens)]


def resultats_cles_non_couverts(projets, resultats_cles) -> list[str]:
    """Les identifiants des résultats clés qu'**aucun** projet n'alimente, dans l'ordre de la liste.

    Un projet relié seulement à l'objectif ne couvre aucun de ses résultats clés.
    """
    projets = _projets(projets)
    ids = _ids(resultats_cles)
    relies = [str(x) for liens in projets.values() for x in liens]
    return [i for i in ids if i not in relies]


def _ids(resultats_cles) -> list[str]:
    if not isinstance(resultats_cles, (list, tuple)):
        raise OKRInvalide("`resultats_cles` doit être une liste de résultats clés (ou de leurs "
                          'identifiants, ["O1-RC1", "O1-RC2"]).')
    ids = []
    for r in resultats_cles:
        if isinstance(r, dict):
            if "id" not in r:
                raise OKRInvalide('Chaque résultat clé doit avoir un "id".')
            ids.append(str(r["id"]))
        else:
            ids.append(str(r))
    return ids


@dataclass(eq=False)
class ArbreOKR:
    """L'arbre d'OKR : ``markdown`` (le texte), ``figure`` (le dessin matplotlib),
    ``orphelins`` et ``non_couverts`` (ce qu'il faut regarder en premier)."""

    markdown: str
    figure: object = field(repr=False)
    orphelins: list
    non_couverts: list

    def _repr_markdown_(self):
        return self.markdown


def _texte_resultat_cle(r: dict) -> str:
    from obm import fr

    en_taux = isinstance(r.get("cible"), float) and 0 < abs(r["cible"]) <= 1   # a rate: 0.6 = 60 %

    def valeur(x):
        return fr.pourcentage(x) if en_taux else fr.nombre(x)

    morceaux = [f"{r['id']}"]
    if r.get("trimestre"):
        morceaux.append(f"({r['trimestre']})")
    texte = " ".join(morceaux) + f" : {r['texte']}"
    if "depart" in r and "cible" in r:
        texte += f" — départ {valeur(r['depart'])}, cible {valeur(r['cible'])}"
    elif "cible" in r:
        texte += f" — départ à mesurer, cible {valeur(r['cible'])}"
    return texte


def arbre_okr(vision, objectifs, resultats_cles, projets, *, mission=None,
              titre="Arbre d'OKR") -> ArbreOKR:
    """L'arbre vision → objectifs annuels → résultats clés trimestriels → projets.

    Renvoie un :class:`ArbreOKR` : son ``markdown`` (une liste imbriquée, puis les projets
    orphelins et les résultats clés non couverts) et sa ``figure`` (une colonne par niveau,
    un trait par lien ; un orphelin ou un résultat clé non couvert est encadré en pointillé et
    marqué d'un mot, jamais d'une seule couleur). La figure porte un texte alternatif.
    """
    objectifs = _objectifs(objectifs)
    resultats_cles = _resultats_cles(resultats_cles)
    projets = _projets(projets)
    orphelins = projets_orphelins(projets, resultats_cles)
    non_couverts = resultats_cles_non_couverts(projets, resultats_cles)
    markdown = _markdown(titre, mission, vision, objectifs, resultats_cles, projets, orphelins,
                         non_couverts)
    figure = _figure(titre, vision, objectifs, resultats_cles, projets, orphelins, non_couverts)
    return ArbreOKR(markdown=markdown, figure=figure, orphelins=orphelins, non_couverts=non_couverts)


def _nom_type(o: dict) -> str:
    return "engagé" if o.get("type") in ("engagé", "engage") else "ambitieux"


def _markdown(titre, mission, vision, objectifs, resultats_cles, projets, orphelins, non_couverts):
    from obm.fr import typographie

    lignes = [f"# {titre}", ""]
    if mission:
        lignes += [f"**Mission** (pourquoi et pour qui, aujourd'hui) : {mission}", ""]
    lignes += [f"**Vision** (le futur voulu) : {vision}", ""]
    for o in objectifs:
        lignes += [f"## {o['id']} · {o['titre']} (OKR {_nom_type(o)})", ""]
        siens = [r for r in resultats_cles if str(r.get("objectif")) == str(o["id"])]
        for r in siens:
            marque = " — ⚠️ non couvert : aucun projet ne l'alimente" if str(r["id"]) in non_couverts else ""
            lignes.append(f"- **{_texte_resultat_cle(r)}**{marque}")
            for nom, liens in projets.items():
                if str(r["id"]) in [str(x) for x in liens]:
                    lignes.append(f"  - projet : {nom}")
        lignes.append("")
    lignes += ["## Projets orphelins (reliés à aucun résultat clé)", ""]
    lignes += [f"- ⚠️ {nom}" for nom in orphelins] or ["- aucun"]
    lignes += ["", "## Résultats clés non couverts (aucun projet ne les alimente)", ""]
    lignes += [f"- ⚠️ {i}" for i in non_couverts] or ["- aucun"]
    return typographie("\n".join(lignes)) + "\n"


def _figure(titre, vision, objectifs, resultats_cles, projets, orphelins, non_couverts):
    import textwrap

    import matplotlib.pyplot as plt

    from obm import texte_alternatif

    noms = list(projets)
    n_lignes = max(len(resultats_cles), len(noms), len(objectifs), 1)
    hauteur = max(4.0, 0.62 * n_lignes + 1.6)
    figure, axe = plt.subplots(figsize=(15, hauteur))
    axe.set_xlim(0, 15)
    axe.set_ylim(0, hauteur)
    axe.axis("off")
    axe.set_title(titre, loc="left", fontsize=12)
    colonnes = {"vision": 1.4, "objectif": 4.6, "rc": 8.6, "projet": 12.9}
    for nom, x in (("Vision", colonnes["vision"]), ("Objectifs annuels", colonnes["objectif"]),
                   ("Résultats clés trimestriels", colonnes["rc"]), ("Projets", colonnes["projet"])):
        axe.text(x, hauteur - 0.45, nom, ha="center", fontsize=10, fontweight="bold")

    def places(nombre):
        haut, bas = hauteur - 1.1, 0.4
        if nombre == 1:
            return [(haut + bas) / 2]
        pas = (haut - bas) / (nombre - 1)
        return [haut - i * pas for i in range(nombre)]

    def boite(x, y, texte, largeur, alerte=False, couleur="#eef3fb"):
        style = {"boxstyle": "round,pad=0.3", "facecolor": "#fff4d6" if alerte else couleur,
                 "linewidth": 1.4 if alerte else 0.8, "linestyle": "--" if alerte else "-"}
        axe.text(x, y, "\n".join(textwrap.wrap(texte, largeur)), ha="center", va="center",
                 fontsize=7.5, bbox=style)

    y_vision = places(1)[0]
    boite(colonnes["vision"], y_vision, vision, 26, couleur="#e8f5e9")
    y_obj = dict(zip([str(o["id"]) for o in objectifs], places(len(objectifs))))
    y_rc = dict(zip([str(r["id"]) for r in resultats_cles], places(len(resultats_cles))))
    y_pr = dict(zip(noms, places(len(noms))))
    trait = {"color": "#555555", "linewidth": 0.8}
    for o in objectifs:
        axe.plot([colonnes["vision"] + 1.2, colonnes["objectif"] - 1.4],
                 [y_vision, y_obj[str(o["id"])]], **trait)
        boite(colonnes["objectif"], y_obj[str(o["id"])],
              f"{o['id']} · {o['titre']} ({_nom_type(o)})", 30)
    for r in resultats_cles:
        i = str(r["id"])
        if str(r.get("objectif")) in y_obj:
            axe.plot([colonnes["objectif"] + 1.5, colonnes["rc"] - 1.9],
                     [y_obj[str(r["objectif"])], y_rc[i]], **trait)
        alerte = i in non_couverts
        texte = f"{i} ({r.get('trimestre', '')}) {r['texte']}" + (" — NON COUVERT" if alerte else "")
        boite(colonnes["rc"], y_rc[i], texte, 40, alerte=alerte)
    for nom in noms:
        for lien in projets[nom]:
            if str(lien) in y_rc:
                axe.plot([colonnes["rc"] + 1.95, colonnes["projet"] - 1.5],
                         [y_rc[str(lien)], y_pr[nom]], **trait)
        alerte = nom in orphelins
        boite(colonnes["projet"], y_pr[nom], nom + (" — ORPHELIN" if alerte else ""), 30,
              alerte=alerte)
    alternatif = (f"{titre} : la vision, {len(objectifs)} objectifs, {len(resultats_cles)} "
                  f"résultats clés et {len(noms)} projets reliés par des traits. Projets "
                  f"orphelins : {', '.join(orphelins) or 'aucun'}. Résultats clés non couverts : "
                  f"{', '.join(non_couverts) or 'aucun'}.")
    texte_alternatif(figure, alternatif)
    plt.close(figure)
    return figure


def ecrire_arbre_okr(arbre: ArbreOKR, nom: str = "15_arbre_okr"):
    """Écrit l'arbre dans ``livrables/`` : ``<nom>.png`` (l'image) et ``<nom>.md`` (le texte,
    à coller dans ton outil de notes). Renvoie les deux chemins."""
    from obm.livrables import chemin_livrable

    if not isinstance(arbre, ArbreOKR):
        raise OKRInvalide("Donne à ecrire_arbre_okr l'arbre que renvoie arbre_okr(...).")
    chemin_md = chemin_livrable(f"{nom}.md")
    chemin_md.write_text(arbre.markdown, encoding="utf-8")
    chemin_png = chemin_livrable(f"{nom}.png")
    arbre.figure.savefig(chemin_png, dpi=110, bbox_inches="tight")
    return chemin_png, chemin_md


# ------------------------------------------------------------------------------ Clara


def okr_clara() -> dict:
    """L'année 2027 de Clara (``[vision]`` de ``data/clara.toml``) : un dictionnaire avec
    ``mission``, ``vision``, ``objectifs`` et ``resultats_cles`` (listes de dictionnaires) et
    ``projets`` (``{nom: [identifiants des résultats clés]}``)."""
    from obm.donnees import clara

    faits = clara().vision
    return {
        "mission": str(faits.mission),
        "vision": str(faits.vision),
        "objectifs": [dict(o) for o in faits.objectifs],
        "resultats_cles": [dict(r) for r in faits.resultats_cles],
        "projets": {str(p.nom): list(p.resultats_cles) for p in faits.projets},
    }


def membres_presentes_cercle(jour) -> int:
    """Le nombre de membres présentes dans le Cercle Sérénité le jour ``jour`` (une date ou un
    texte ``"AAAA-MM-JJ"``), lu dans ``data/abonnements.csv`` : une membre est présente si
    ``date_debut`` ≤ jour ≤ ``date_fin`` (ou ``date_fin`` vide). Le fichier s'arrête le
    31 mai 2027 : au-delà, on ne sait pas."""
    import csv
    import datetime as dt

    from obm.donnees import chemin_donnees

    if isinstance(jour, str):
        try:
            jour = dt.date.fromisoformat(jour)
        except ValueError:
            raise OKRInvalide(f"« {jour} » n'est pas une date : écris-la \"2027-05-31\".") from None
    if isinstance(jour, dt.datetime):
        jour = jour.date()
    if not isinstance(jour, dt.date):
        raise OKRInvalide("Donne le jour comme une date, par exemple \"2027-05-31\".")
    if jour > dt.date(2027, 5, 31):
        raise OKRInvalide("data/abonnements.csv s'arrête le 31 mai 2027 : après, on ne sait pas "
                          "encore qui sera membre.")
    texte = jour.isoformat()
    with open(chemin_donnees("abonnements.csv"), encoding="utf-8", newline="") as fichier:
        return sum(1 for m in csv.DictReader(fichier)
                   if m["date_debut"] <= texte and (not m["date_fin"] or m["date_fin"] >= texte))
