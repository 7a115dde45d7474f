"""``obm rapport`` : le rapport de compétences de la cohorte, en une page HTML avec ses figures PNG.

- pour la cohorte : une carte de chaleur (apprenantes × compétences évaluées) et les modules où
  elle peine (moyenne basse, question la plus ratée) ;
- pour chaque apprenante : un radar des compétences du cours (la médiane de la cohorte en
  pointillés), ses notes par module et les compétences à retravailler.

Les niveaux sont ceux de ``obm notes`` (part des points obtenus sur les questions qui
entraînent la compétence, réponses écrites en attente exclues).
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from dataclasses import dataclass
from pathlib import Path

from obm.correction.commun import Cours, format_points, identifiant
from obm.correction.notes import Releve, lire_releve
from obm.erreurs import DonneesInvalides

SEUIL_DIFFICULTE = 0.6   # a module under 60 % of its points on average: the cohort struggles
SEUIL_QUESTION = 0.5     # ... or one of its questions under 50 % success on average
SEUIL_A_RETRAVAILLER = 0.6


@dataclass
class Rapport:
    page: Path
    figures: list[Path]
    modules_en_difficulte: list[str]


def _pourcent(valeur: float | None) -> str:
    return "–" if valeur is None else f"{100 * valeur:.0f} %"


def _carte_de_chaleur(releve: Releve, chemin: Path) -> None:
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    codes = releve.competences_evaluees()
    noms = [e.identifiant for e in releve.apprenantes]
    valeurs = np.array([[np.nan if (v := releve.niveaux(n)[c]) is None else 100 * v for c in codes]
                        for n in noms], dtype=float)
    fig = Figure(figsize=(max(5.0, 1.0 + 0.9 * len(codes)), max(3.0, 0.8 + 0.32 * len(noms))),
                 layout="constrained")
    ax = fig.add_subplot()
    masque = np.ma.masked_invalid(valeurs)
    palette = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#dddddd")
    image = ax.imshow(masque, cmap=palette, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(codes)), codes)
    ax.set_yticks(range(len(noms)), noms)
    ax.xaxis.tick_top()
    for i in range(len(noms)):
        for j in range(len(codes)):
            texte = "–" if np.isnan(valeurs[i, j]) else f"{valeurs[i, j]:.0f}"
            ax.text(j, i, texte, ha="center", va="center", fontsize=8, color="#222222")
    fig.colorbar(image, ax=ax, label="part des points obtenus (%)")
    ax.set_title("Compétences évaluées, par apprenante (%)", pad=28)
    fig.savefig(chemin, dpi=110)


def _radar(releve: Releve, apprenante: str, medianes: dict[str, float | None], chemin: Path) -> None:
    import numpy as np
    from matplotlib.figure import Figure

    codes = list(releve.competences)
    niveaux = releve.niveaux(apprenante)
    angles = np.linspace(0, 2 * np.pi, len(codes), endpoint=False)
    fermer = lambda valeurs: np.append(valeurs, valeurs[0])  # noqa: E731 - close the polygon
    fig = Figure(figsize=(5.2, 5.2), layout="constrained")
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    cohorte = np.array([100 * (medianes[c] or 0) for c in codes])
    ax.plot(fermer(angles), fermer(cohorte), linestyle="--", color="#888888", linewidth=1,
            label="médiane de la cohorte")
    valeurs = np.array([100 * (niveaux[c] or 0) for c in codes])
    ax.plot(fermer(angles), fermer(valeurs), color="#1f5fa8", linewidth=2, label=apprenante)
    ax.fill(fermer(angles), fermer(valeurs), color="#1f5fa8", alpha=0.2)
    evaluees = [i for i, c in enumerate(codes) if niveaux[c] is not None]
    ax.plot(angles[evaluees], valeurs[evaluees], "o", color="#1f5fa8")
    ax.set_xticks(angles, codes)
    for etiquette, code in zip(ax.get_xticklabels(), codes):
        if niveaux[code] is None:
            etiquette.set_color("#aaaaaa")  # not assessed yet
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100], ["25", "50", "75", "100 %"], fontsize=7)
    ax.set_title(f"Compétences de {apprenante}\n(en gris : pas encore évaluées)", fontsize=10)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.18), ncols=2, fontsize=8, frameon=False)
    fig.savefig(chemin, dpi=100)


def _modules_cohorte(releve: Releve) -> list[dict]:
    """Pour chaque module : copies rendues, moyenne, médiane, question la plus ratée."""
    lignes = []
    for module in releve.modules:
        copies = [c for (a, m), c in releve.copies.items() if m == module]
        if not copies:
            continue
        maximum = releve.maxima[module] or 1
        parts = [c.points / maximum for c in copies]
        reussite: dict[str, list[float]] = {}
        for copie in copies:
            for q in copie.questions:
                if not q.en_attente and q.maximum:
                    reussite.setdefault(q.question, []).append(q.points / q.maximum)
        par_question = {q: statistics.mean(v) for q, v in reussite.items()}
        pire = min(par_question, key=par_question.get) if par_question else None
        moyenne = statistics.mean(parts)
        lignes.append({
            "module": module, "titre": releve.titres[module], "copies": len(copies),
            "moyenne": moyenne, "mediane": statistics.median(parts),
            "sous_la_moyenne": sum(p < 0.5 for p in parts),
            "pire_question": pire, "pire_reussite": par_question.get(pire),
            "en_difficulte": moyenne < SEUIL_DIFFICULTE or (pire is not None and
                                                            par_question[pire] < SEUIL_QUESTION),
        })
    return sorted(lignes, key=lambda l: l["moyenne"])


_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } .sous-titre { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; } th, td { border: 1px solid #ccc; padding: 4px 8px; }
th { background: #f3f3f3; text-align: left; } td.nombre { text-align: right; }
tr.difficulte td { background: #fdecea; }
.apprenante { border-top: 2px solid #1f5fa8; margin-top: 2em; padding-top: 0.5em; display: flex; gap: 2em; flex-wrap: wrap; }
.apprenante img { width: 380px; } .note { color: #666; font-size: 0.9em; }
"""


def ecrire_rapport(cours: Cours, dossier: str | Path | None = None) -> Rapport:
    """Écrit ``index.html`` et ses figures dans ``dossier`` (par défaut ``rapport/``) et renvoie le chemin."""
    releve = lire_releve(cours)
    if not releve.copies:
        raise DonneesInvalides(
            "Le carnet de notes ne contient encore aucune copie corrigée : lance « obm corriger "
            "MODULE » avant le rapport."
        )
    dossier = Path(dossier) if dossier else cours.racine / "rapport"
    figures_dossier = dossier / "figures"
    figures_dossier.mkdir(parents=True, exist_ok=True)
    for ancienne in figures_dossier.glob("*.png"):
        ancienne.unlink()
    figures = []

    carte = figures_dossier / "cohorte_competences.png"
    _carte_de_chaleur(releve, carte)
    figures.append(carte)
    niveaux = {e.identifiant: releve.niveaux(e.identifiant) for e in releve.apprenantes}
    medianes = {}
    for code in releve.competences:
        connues = [n[code] for n in niveaux.values() if n[code] is not None]
        medianes[code] = statistics.median(connues) if connues else None
    modules = _modules_cohorte(releve)
    e = html.escape
    morceaux = [
        "<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
        "<title>Rapport de compétences · Académie OBM</title>", f"<style>{_STYLE}</style></head><body>",
        "<h1>Rapport de compétences de la cohorte</h1>",
        f'<p class="sous-titre">Académie OBM · {len(releve.apprenantes)} apprenante(s) · '
        f"{len(releve.modules)} module(s) corrigé(s) · établi le {dt.date.today():%d/%m/%Y}</p>",
        '<p class="note">Le niveau d\'une compétence est la part des points obtenus sur les questions '
        "qui l'entraînent, dans les modules rendus ; une réponse écrite pas encore notée ne compte pas. "
        "« – » : compétence pas encore évaluée.</p>",
        "<h2>Où la cohorte peine</h2>",
    ]
    difficiles = [l for l in modules if l["en_difficulte"]]
    if difficiles:
        morceaux.append("<p>Modules où la cohorte est en difficulté (moyenne sous "
                        f"{100 * SEUIL_DIFFICULTE:.0f} % ou une question réussie à moins de "
                        f"{100 * SEUIL_QUESTION:.0f} %) : <b>"
                        + ", ".join(e(f"{l['module']} · {l['titre']}") for l in difficiles)
                        + "</b>. À reprendre en séance collective, en commençant par la question la plus ratée.</p>")
    else:
        morceaux.append("<p>Aucun module en difficulté : chaque moyenne dépasse "
                        f"{100 * SEUIL_DIFFICULTE:.0f} % et aucune question n'est massivement ratée.</p>")
    morceaux.append("<table><tr><th>Module</th><th>Copies</th><th>Moyenne</th><th>Médiane</th>"
                    "<th>Copies sous 50 %</th><th>Question la plus ratée</th></tr>")
    for l in modules:
        classe = ' class="difficulte"' if l["en_difficulte"] else ""
        pire = (f"{e(l['pire_question'])} ({_pourcent(l['pire_reussite'])} de réussite)"
                if l["pire_question"] else "–")
        morceaux.append(
            f"<tr{classe}><td>{e(l['module'])} · {e(l['titre'])}</td><td class=\"nombre\">{l['copies']}</td>"
            f"<td class=\"nombre\">{_pourcent(l['moyenne'])}</td><td class=\"nombre\">{_pourcent(l['mediane'])}</td>"
            f"<td class=\"nombre\">{l['sous_la_moyenne']}</td><td>{pire}</td></tr>")
    morceaux += ["</table>", "<h2>Compétences de la cohorte</h2>",
                 f'<img src="figures/{carte.name}" alt="Carte de chaleur : apprenantes × compétences">',
                 "<h3>Médiane de la cohorte par compétence</h3>",
                 "<table><tr><th>Compétence</th><th>Médiane</th></tr>"]
    for code, intitule in releve.competences.items():
        morceaux.append(f"<tr><td>{code} · {e(intitule)}</td><td class=\"nombre\">{_pourcent(medianes[code])}</td></tr>")
    morceaux += ["</table>", "<h2>Par apprenante</h2>"]

    for eleve in releve.apprenantes:
        nom = eleve.identifiant
        radar = figures_dossier / f"radar_{identifiant(nom) or 'apprenante'}.png"
        _radar(releve, nom, medianes, radar)
        figures.append(radar)
        affiche = " ".join(x for x in (eleve.prenom, eleve.nom) if x) or nom
        a_retravailler = sorted(((v, c) for c, v in niveaux[nom].items()
                                 if v is not None and v < SEUIL_A_RETRAVAILLER))
        morceaux += [f'<section class="apprenante" id="{e(nom)}"><div>',
                     f"<h3>{e(affiche)} <span class=\"note\">({e(nom)})</span></h3>",
                     "<table><tr><th>Module</th><th>Points</th><th>À noter à la main</th></tr>"]
        for module in releve.modules:
            copie = releve.copie(nom, module)
            if copie is None:
                morceaux.append(f"<tr><td>{e(module)}</td><td>pas rendu</td><td></td></tr>")
            else:
                morceaux.append(
                    f"<tr><td>{e(module)}</td><td class=\"nombre\">{format_points(copie.points)} / "
                    f"{format_points(copie.maximum)}</td><td class=\"nombre\">{copie.a_noter_a_la_main or ''}</td></tr>")
        morceaux.append("</table>")
        if a_retravailler:
            morceaux.append("<p>À retravailler : " + ", ".join(
                f"{c} · {e(releve.competences[c])} ({_pourcent(v)})" for v, c in a_retravailler) + "</p>")
        else:
            morceaux.append("<p>Rien à retravailler en priorité parmi les compétences évaluées.</p>")
        morceaux += [f'</div><img src="figures/{radar.name}" alt="Radar des compétences de {e(nom)}">',
                     "</section>"]
    morceaux.append("</body></html>")
    page = dossier / "index.html"
    page.write_text("\n".join(morceaux), encoding="utf-8")
    return Rapport(page, figures, [l["module"] for l in difficiles])
