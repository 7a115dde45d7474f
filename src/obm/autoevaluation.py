"""L'autoévaluation des 18 compétences du cours (module 00), gardée d'une fois sur l'autre.

Chaque autoévaluation est enregistrée avec sa date dans ``OBM_HOME/autoevaluation.json``
(hors du dossier du cours), pour que tu puisses comparer ton radar du début et de la fin.
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
        modules = [m for m in syllabus.modules
                   if code in m.competences and len(m.competences) < len(syllabus.competences)]
        resultat.append({
            "code": code,
            "intitule": syllabus.competences[code].intitule,
            "note": propres[code],
            "modules": [f"{m.numero}. {m.titre}" for m in modules],
        })
    return resultat


def radar(notes: dict, *, precedente: dict | None = None, syllabus: Syllabus | None = None):
    """Dessine ton radar de compétences (et, en pointillés, une autoévaluation précédente)."""
    import math

    from matplotlib.figure import Figure

    syllabus = syllabus or charger()
    propres = valider(notes, syllabus)
    codes = list(syllabus.competences)
    angles = [2 * math.pi * i / len(codes) for i in range(len(codes))]
    boucle = angles + angles[:1]

    figure = Figure(figsize=(6.5, 6.5))
    axe = figure.add_subplot(projection="polar")
    axe.set_theta_offset(math.pi / 2)
    axe.set_theta_direction(-1)
    if precedente is not None:
        avant = valider(precedente, syllabus)
        valeurs = [avant[c] for c in codes]
        axe.plot(boucle, valeurs + valeurs[:1], linestyle="--", color="#999999",
                 label="autoévaluation précédente")
    valeurs = [propres[c] for c in codes]
    axe.plot(boucle, valeurs + valeurs[:1], color="#6a1b9a", linewidth=2, label="aujourd'hui")
    axe.fill(boucle, valeurs + valeurs[:1], color="#6a1b9a", alpha=0.2)
    axe.set_xticks(angles)
    axe.set_xticklabels(codes)
    axe.set_ylim(0, 5)
    axe.set_yticks([1, 2, 3, 4, 5])
    axe.set_title("Mon radar de compétences OBM", pad=20)
    axe.legend(loc="lower right", bbox_to_anchor=(1.15, -0.1), fontsize="small")
    return figure
