"""L'autoévaluation des 18 compétences du cours (module 00), gardée d'une fois sur l'autre.

Chaque autoévaluation est enregistrée avec sa date dans ``OBM_HOME/autoevaluation.json``
(hors du dossier du cours), pour que tu puisses comparer ton radar du début et de la fin ;
ton radar, lui, est écrit dans ``livrables/00_radar_competences.png`` (ce que tu gardes).
En fin de parcours (module 21), ton radar de fin, avec celui du début en pointillés, est écrit
dans ``livrables/21_radar_competences_fin.png``.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

from obm.donnees import dossier_apprenante
from obm.erreurs import DonneesInvalides, IdentifiantInconnu, TypeInvalide
from obm.syllabus import Syllabus, charger

NOM_FICHIER = "autoevaluation.json"
# Ce que tu gardes (module 00) : ton radar, dans le dossier livrables/ du cours.
NOM_LIVRABLE = "00_radar_competences.png"
# Ce que tu gardes en fin de parcours (module 21) : le radar de fin, le début en pointillés.
NOM_LIVRABLE_FIN = "21_radar_competences_fin.png"
ECHELLE = {
    1: "je découvre",
    2: "j'en ai des notions",
    3: "je pratique avec de l'aide",
    4: "je suis autonome",
    5: "je pourrais l'enseigner",
}


def chemin_fichier() -> Path:
    """Le fichier où sont gardées tes autoévaluations."""
    return dossier_apprenante() / NOM_FICHIER


def valider(notes: dict, syllabus: Syllabus | None = None) -> dict[str, int]:
    """Vérifie une autoévaluation : une note entière de 1 à 5 pour chaque compétence."""
    syllabus = syllabus or charger()
    if not isinstance(notes, dict):
        raise TypeInvalide("L'autoévaluation doit être un dictionnaire {code: note}, "
                           'par exemple {"GP1": 3, "GP2": 2, …}.')
    inconnues = [code for code in notes if code not in syllabus.competences]
    if inconnues:
        raise IdentifiantInconnu(
            f"Compétence inconnue : {inconnues[0]!r}. Codes possibles : "
            f"{', '.join(syllabus.competences)}."
        )
    manquantes = [code for code in syllabus.competences if code not in notes]
    if manquantes:
        raise DonneesInvalides(f"Il manque une note pour {', '.join(manquantes)}. "
                               "Donne une note de 1 à 5 à chacune des 18 compétences.")
    propres = {}
    for code, note in notes.items():
        if isinstance(note, bool) or not isinstance(note, int) or not 1 <= note <= 5:
            raise DonneesInvalides(f"La note de {code} vaut {note!r} : écris un entier de 1 à 5 "
                                   "(1 = je découvre, 5 = je pourrais l'enseigner).")
        propres[code] = note
    return {code: propres[code] for code in syllabus.competences}


def historique() -> list[dict]:
    """Toutes tes autoévaluations, de la plus ancienne à la plus récente.

    Chacune est un dictionnaire ``{"date": "2027-01-15T10:30:00", "notes": {"GP1": 3, …}}``.
    """
    chemin = chemin_fichier()
    if not chemin.exists():
        return []
    try:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DonneesInvalides(
            f"Le fichier {chemin} est abîmé. Renomme-le (pour le garder) puis refais "
            "ton autoévaluation : un nouveau fichier sera créé."
        ) from None
    return list(contenu.get("autoevaluations", []))


def premiere() -> dict | None:
    """Ta première autoévaluation (celle du début du parcours), ou ``None``."""
    toutes = historique()
    return toutes[0] if toutes else None


def derniere() -> dict | None:
    """Ta dernière autoévaluation, ou ``None`` si tu n'en as pas encore fait."""
    toutes = historique()
    return toutes[-1] if toutes else None


def enregistrer(notes: dict, *, quand: datetime | None = None) -> Path:
    """Ajoute une autoévaluation à ton historique et renvoie le chemin du fichier."""
    propres = valider(notes)
    quand = (quand or datetime.now()).replace(microsecond=0)
    toutes = historique() + [{"date": quand.isoformat(), "notes": propres}]
    chemin = chemin_fichier()
    # Write to a temporary file then rename, so a crash never leaves half a file.
    descripteur, temporaire = tempfile.mkstemp(dir=chemin.parent, suffix=".tmp")
    with os.fdopen(descripteur, "w", encoding="utf-8") as fichier:
        json.dump({"autoevaluations": toutes}, fichier, ensure_ascii=False, indent=2)
    os.replace(temporaire, chemin)
    return chemin


def a_travailler(notes: dict, n: int = 3, syllabus: Syllabus | None = None) -> list[dict]:
    """Les ``n`` compétences où tu te notes le plus bas, avec les modules qui les travaillent."""
    syllabus = syllabus or charger()
    propres = valider(notes, syllabus)
    ordre = sorted(syllabus.competences, key=lambda code: (propres[code], code))[:n]
    resultat = []
    for code in ordre:
        # The welcome (00) and the final project (21) draw on many competences but teach none.
        modules = [m for m in list(syllabus.modules)[1:-1] if code in m.competences]
        resultat.append({
            "code": code,
            "intitule": syllabus.competences[code].intitule,
            "note": propres[code],
            "modules": [f"{m.numero}. {m.titre}" for m in modules],
        })
    return resultat


def description(notes: dict, syllabus: Syllabus | None = None) -> str:
    """Le texte alternatif du radar : ce qu'il montre, dit en une phrase (pour une lectrice d'écran)."""
    from obm import fr

    syllabus = syllabus or charger()
    propres = valider(notes, syllabus)
    haute, basse = max(propres.values()), min(propres.values())
    moyenne = sum(propres.values()) / len(propres)
    debut = f"Radar de tes {len(propres)} compétences d'OBM, notées de 1 à 5"
    if haute == basse:
        return f"{debut} : toutes à {haute}/5."
    def lesquelles(note_cherchee: int) -> str:
        codes = [code for code, note in propres.items() if note == note_cherchee]
        return ", ".join(codes) if len(codes) <= 6 else f"{len(codes)} compétences"

    hautes, basses = lesquelles(haute), lesquelles(basse)
    return (f"{debut} : la plus haute note, {haute}/5, pour {hautes} ; la plus basse, "
            f"{basse}/5, pour {basses} ; moyenne {fr.nombre(moyenne, 1)}.")


def radar(notes: dict, *, precedente: dict | None = None, syllabus: Syllabus | None = None,
          titre: str = "Mon radar de compétences OBM", legende: bool = False,
          nom_precedente: str = "autoévaluation précédente"):
    """Dessine ton radar de compétences (et, en pointillés, une autoévaluation précédente).

    ``legende=True`` ajoute à droite la liste des 18 compétences, leur intitulé et ta note
    (la version que tu gardes dans ``livrables/``) ; ``nom_precedente`` : ce que dit la légende
    des pointillés.
    """
    import math

    from matplotlib.figure import Figure

    syllabus = syllabus or charger()
    propres = valider(notes, syllabus)
    avant = valider(precedente, syllabus) if precedente is not None else None
    codes = list(syllabus.competences)
    angles = [2 * math.pi * i / len(codes) for i in range(len(codes))]
    boucle = angles + angles[:1]

    if legende:
        figure = Figure(figsize=(12, 6.8))
        axe = figure.add_axes((0.03, 0.08, 0.42, 0.78), projection="polar")
    else:
        figure = Figure(figsize=(6.5, 6.5))
        axe = figure.add_subplot(projection="polar")
    axe.set_theta_offset(math.pi / 2)
    axe.set_theta_direction(-1)
    if avant is not None:
        valeurs = [avant[c] for c in codes]
        axe.plot(boucle, valeurs + valeurs[:1], linestyle="--", color="#666666",
                 label=nom_precedente)
    valeurs = [propres[c] for c in codes]
    axe.plot(boucle, valeurs + valeurs[:1], color="#6a1b9a", linewidth=2, label="aujourd'hui")
    axe.fill(boucle, valeurs + valeurs[:1], color="#6a1b9a", alpha=0.2)
    axe.set_xticks(angles)
    axe.set_xticklabels(codes)
    axe.set_ylim(0, 5)
    axe.set_yticks([1, 2, 3, 4, 5])
    axe.legend(loc="lower right", bbox_to_anchor=(1.15, -0.1), fontsize="small")
    if not legende:
        axe.set_title(titre, pad=20)
        return figure

    figure.suptitle(titre, fontsize=15, x=0.03, ha="left", y=0.97)
    lignes = []
    famille = None
    for code, competence in syllabus.competences.items():
        if competence.famille != famille:
            famille = competence.famille
            lignes.append(("famille", famille))
        note = f"{propres[code]}/5"
        if avant is not None and avant[code] != propres[code]:
            note = f"{avant[code]} → {propres[code]}/5"
        lignes.append(("competence", f"{code}  {competence.intitule}", note))
    hauteur = 0.84 / len(lignes)
    for rang, ligne in enumerate(lignes):
        y = 0.88 - rang * hauteur
        if ligne[0] == "famille":
            figure.text(0.52, y, ligne[1], fontsize=10.5, fontweight="bold", va="top")
        else:
            figure.text(0.54, y, ligne[1], fontsize=10, va="top")
            figure.text(0.97, y, ligne[2], fontsize=10, va="top", ha="right")
    echelle = " · ".join(f"{n} = {t}" for n, t in ECHELLE.items())
    figure.text(0.03, 0.02, f"Échelle : {echelle}", fontsize=9, color="#333333")
    return figure


def exporter_radar(notes: dict | None = None, *, precedente: dict | None = None,
                   quand: datetime | None = None, syllabus: Syllabus | None = None,
                   nom: str = NOM_LIVRABLE) -> Path:
    """Écrit ton radar de compétences dans ``livrables/00_radar_competences.png``.

    Sans ``notes`` : ta dernière autoévaluation enregistrée, avec la précédente en pointillés.
    Avec ``notes`` : ces notes-là (``quand`` : la date de l'autoévaluation, ou rien si elle
    n'est pas encore enregistrée). Renvoie le chemin du fichier, une image à garder, à imprimer
    ou à montrer en entretien. ``nom`` : le fichier écrit dans ``livrables/`` (celui du module 00
    par défaut ; voir :func:`exporter_radar_fin` pour la fin du parcours).
    """
    from obm import fr, texte_alternatif
    from obm.livrables import chemin_livrable

    syllabus = syllabus or charger()
    if notes is None:
        toutes = historique()
        if not toutes:
            raise DonneesInvalides(
                "Tu n'as pas encore enregistré d'autoévaluation : place les 18 curseurs de la "
                "leçon 00 (partie 5), clique sur « Enregistrer », puis recommence.")
        notes = toutes[-1]["notes"]
        quand = datetime.fromisoformat(toutes[-1]["date"])
        if precedente is None and len(toutes) > 1:
            precedente = toutes[-2]["notes"]
    fin = nom == NOM_LIVRABLE_FIN
    titre = ("Mon radar de compétences OBM, fin de parcours · " if fin
             else "Mon radar de compétences OBM · ") + (
        f"autoévaluation du {fr.date(quand, 'long')}" if quand else "pas encore enregistré")
    figure = radar(notes, precedente=precedente, syllabus=syllabus, titre=titre, legende=True,
                   nom_precedente="début du parcours" if fin else "autoévaluation précédente")
    alternatif = description(notes, syllabus)
    if fin and precedente is not None:
        alternatif += _progres(notes, precedente, syllabus)
    texte_alternatif(figure, alternatif)
    chemin = chemin_livrable(nom)
    figure.savefig(chemin, format="png", dpi=120,
                   metadata={"Title": titre, "Description": alternatif})
    return chemin


def _progres(notes: dict, debut: dict, syllabus: Syllabus) -> str:
    """One sentence on the way travelled since the first self-assessment (for the alt text)."""
    from obm import fr

    propres, avant = valider(notes, syllabus), valider(debut, syllabus)
    montees = [code for code in propres if propres[code] > avant[code]]
    moyenne_avant = sum(avant.values()) / len(avant)
    if not montees:
        return (f" En pointillés, le début du parcours (moyenne {fr.nombre(moyenne_avant, 1)}) : "
                "aucune note n'a monté.")
    quelles = ", ".join(montees) if len(montees) <= 6 else f"{len(montees)} compétences"
    return (f" En pointillés, le début du parcours (moyenne {fr.nombre(moyenne_avant, 1)}) : "
            f"les notes ont monté pour {quelles}.")


def exporter_radar_fin(notes: dict | None = None, *, syllabus: Syllabus | None = None) -> Path:
    """Écrit ton radar de fin de parcours dans ``livrables/21_radar_competences_fin.png``.

    Ta première autoévaluation (celle du début) y est en pointillés. Sans ``notes`` : ta
    dernière autoévaluation enregistrée, si tu en as fait au moins deux ; avec ``notes`` : ces
    notes-là, pas encore enregistrées. Renvoie le chemin du fichier.
    """
    syllabus = syllabus or charger()
    toutes = historique()
    debut = toutes[0]["notes"] if toutes else None
    if notes is None:
        if len(toutes) < 2:
            raise DonneesInvalides(
                "Tu n'as pas encore enregistré ton autoévaluation de fin : place les 18 curseurs "
                "du notebook du portfolio (module 21), clique sur « Enregistrer », puis recommence.")
        dernier = toutes[-1]
        return exporter_radar(dernier["notes"], precedente=debut,
                              quand=datetime.fromisoformat(dernier["date"]), syllabus=syllabus,
                              nom=NOM_LIVRABLE_FIN)
    return exporter_radar(notes, precedente=debut, syllabus=syllabus, nom=NOM_LIVRABLE_FIN)
