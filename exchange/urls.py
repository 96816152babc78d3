from django.urls import path

from exchange.views import moderation, questions, remontees

urlpatterns = [
    path("questions/", questions.question_list, name="question-list"),
    path("questions/nouvelle/", questions.question_new, name="question-new"),
    path("questions/<int:pk>/", questions.question_detail, name="question-detail"),
    path("questions/<int:pk>/modifier/", questions.question_edit, name="question-edit"),
    path("questions/<int:pk>/supprimer/", questions.question_delete, name="question-delete"),
    path("questions/<int:pk>/moi-aussi/", questions.question_vote, name="question-vote"),
    path("questions/<int:pk>/mensuelle/", questions.question_treated, name="question-treated"),
    path("questions/reponses/<int:pk>/modifier/", questions.answer_edit, name="answer-edit"),
    path("questions/reponses/<int:pk>/supprimer/", questions.answer_delete, name="answer-delete"),
    path("questions/reponses/<int:pk>/retenir/", questions.answer_retain, name="answer-retain"),
    path("remontees/", remontees.remontee_list, name="remontee-list"),
    path("remontees/nouvelle/", remontees.remontee_new, name="remontee-new"),
    path("remontees/<int:pk>/", remontees.remontee_detail, name="remontee-detail"),
    path("remontees/<int:pk>/modifier/", remontees.remontee_edit, name="remontee-edit"),
    path("remontees/<int:pk>/supprimer/", remontees.remontee_delete, name="remontee-delete"),
    path("remontees/<int:pk>/etat/", remontees.remontee_state, name="remontee-state"),
    path("remontees/<int:pk>/nous-aussi/", remontees.remontee_support, name="remontee-support"),
    path("signaler/<str:kind>/<int:pk>/", moderation.report, name="message-report"),
    path("mon-profil/notifications/", moderation.preferences, name="exchange-preferences"),
]
