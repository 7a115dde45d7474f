"""Configuration de nbgrader commune à tous les comptes du JupyterHub.

À copier dans /etc/jupyter/nbgrader_config.py. L'échange est un dossier partagé du serveur où
nbgrader dépose les exercices (release_assignment, `obm publier --echange`), où les apprenantes
rendent leurs copies (bouton Submit) et récupèrent leurs retours (`obm retours --echange`).
"""

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (fourni par nbgrader)

c.CourseDirectory.course_id = "academie-obm"

# Le dossier d'échange : à créer une fois, ouvert en écriture à tous (mode 777, voir LISEZMOI).
c.Exchange.root = "/srv/nbgrader/exchange"
c.Exchange.path_includes_course = True

# nbgrader demande à JupyterHub qui suit quel cours (groupes nbgrader-<cours> / formgrade-<cours>).
c.Authenticator.plugin_class = JupyterHubAuthPlugin
