"""Le côté formatrice et autrice : la commande `obm` et la chaîne de correction (autour de nbgrader).

Ce paquet ne dépend jamais des widgets ; nbgrader n'est importé que par les fonctions qui s'en servent.
"""
