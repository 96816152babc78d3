"""The directory's e-mails, sent by the task queue: invitations and password resets.

Each task reads its invitation or account when it runs: a used or deleted invitation, a
deleted or inactive account gets nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from directory.models import Invitation


@task()
def send_invitation(invitation_id: int, link: str) -> bool:
    invitation = Invitation.objects.filter(pk=invitation_id, used_at=None).first()
    if invitation is None:
        return False
    body = loader.render_to_string(
        "directory/invitation_email.txt",
        {"invitation": invitation, "link": link, "days": settings.TZNR_INVITATION_DAYS},
    )
    send_mail(
        "Invitation à la communauté apprenante TZNR",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )
    return True


@task()
def send_password_reset(
    user_id: int,
    *,
    domain: str,
    site_name: str,
    protocol: str,
    subject_template_name: str,
    email_template_name: str,
) -> bool:
    """Django's reset e-mail, its link made when it is sent (valid from then on)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
    body = loader.render_to_string(email_template_name, context)
    EmailMultiAlternatives(subject, body, None, [user.email]).send()
    return True
