from exchange.models.messages import Message
from exchange.models.moderation import ModerationAction, Report
from exchange.models.notifications import Notification, NotificationPreferences
from exchange.models.questions import Answer, Question, QuestionVote
from exchange.models.remontees import Remontee, RemonteeStep, RemonteeSupport

__all__ = [
    "Answer",
    "Message",
    "ModerationAction",
    "Notification",
    "NotificationPreferences",
    "Question",
    "QuestionVote",
    "Remontee",
    "RemonteeStep",
    "RemonteeSupport",
    "Report",
]
