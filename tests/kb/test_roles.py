"""The three community groups and what their permissions allow (migrations kb/0002, kb/0004)."""

import pytest
from wagtail.models import Page

from directory.permissions import can_export_directory, can_invite
from events.models import EventPage
from kb.models import FichePage
from kb.permissions import is_member
from resources.models import RecordingPage, ResourcePage
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
PUBLISHED_BY_ANIMATORS = [FichePage, EventPage, RecordingPage, ResourcePage]


@pytest.fixture
def users(db):
    return {
        "member": make_user("role-membre", "Membre"),
        "animator": make_user("role-animateur", "Animateur"),
        "administrator": make_user("role-admin", "Administrateur"),
    }


@pytest.mark.parametrize("model", PUBLISHED_BY_ANIMATORS, ids=lambda m: m.__name__)
def test_animators_edit_and_publish_each_kind_of_content(model, users):
    page = model.objects.live().first()
    for role in ("animator", "administrator"):
        permissions = page.permissions_for_user(users[role])
        assert permissions.can_edit() and permissions.can_publish(), role
    member = page.permissions_for_user(users["member"])
    assert not member.can_edit() and not member.can_publish()


def test_only_administrators_delete_a_page_with_its_children(users):
    """Wagtail lets editors who publish delete a single page; whole branches need bulk_delete."""
    from kb.models import FicheIndexPage

    branch = FicheIndexPage.objects.get()
    assert not branch.permissions_for_user(users["animator"]).can_delete()
    assert branch.permissions_for_user(users["administrator"]).can_delete()
    assert not branch.permissions_for_user(users["member"]).can_delete()


def test_animators_can_add_pages_under_the_home_page(users):
    home = Page.objects.get(depth=2)
    assert home.permissions_for_user(users["animator"]).can_add_subpage()
    assert not home.permissions_for_user(users["member"]).can_add_subpage()


def test_group_permissions_outside_pages(users):
    member, animator, administrator = users["member"], users["animator"], users["administrator"]
    assert all(is_member(user) for user in users.values())
    assert not member.has_perm("wagtailadmin.access_admin")
    assert animator.has_perm("wagtailadmin.access_admin")
    assert not can_invite(member) and not can_export_directory(member)
    assert can_invite(animator) and can_export_directory(animator)
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    documents = policy_registry.get_by_type(get_document_model())
    images = policy_registry.get_by_type(get_image_model())

    assert documents.user_has_permission(animator, "add")
    assert images.user_has_permission(animator, "add")
    assert not documents.user_has_permission(member, "add")
    assert documents.user_has_permission(administrator, "add")
    assert not animator.has_perm("directory.delete_coordinator")
    assert administrator.has_perm("directory.delete_coordinator")
    assert not animator.has_perm("auth.change_user")
    assert administrator.has_perm("auth.change_user")
