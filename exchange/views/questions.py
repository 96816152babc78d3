"""Questions: the list, asking, one question with its answers, and what members do there."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange import pages, selectors, services
from exchange.filters import QuestionFilter
from exchange.forms import AnswerForm, AskForm, MessageEditForm, QuestionForm, TreatedForm
from exchange.models.questions import ANSWERS_PER_PAGE
from exchange.views import filtered_list, member_required
from kb import providers
from kb.listing import ListingForm, paginate


def _question_or_404(pk: int):
    question = selectors.question_get(pk=pk)
    if question is None:
        raise Http404("Cette question n'existe pas.")
    return question


def _answer_or_404(pk: int):
    answer = selectors.answer_get(pk=pk)
    if answer is None:
        raise Http404("Cette réponse n'existe pas.")
    return answer


def _own(message, user) -> None:
    if message.author_id != user.pk or message.is_deleted:
        raise PermissionDenied("Seul l'auteur d'un message peut le modifier ou le supprimer.")


@require_GET
@member_required
def question_list(request):
    questions = QuestionFilter(request.GET, queryset=selectors.question_list_visible())
    return filtered_list(request, questions, "exchange/question_list.html")


@require_http_methods(["GET", "POST"])
@member_required
def question_new(request):
    next_mensuelle = providers.ask(providers.NEXT_MENSUELLE)
    initial = {}
    about = pages.page_of_types(
        pk=request.GET.get("page", ""), labels=pages.ABOUT_TYPES, user=request.user
    )
    if about is not None:
        initial = {"about": about.url, "axis": getattr(about.specific, "axis_id", None)}
    form = AskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        about = None
        if data["about"]:
            about = pages.page_for_address(
                data["about"], labels=pages.ABOUT_TYPES, user=request.user, request=request
            )
            if about is None:
                form.add_error(
                    "about",
                    "Cette adresse n'est pas celle d'une fiche, d'un événement ou d'un "
                    "enregistrement du site.",
                )
        if data["send_to_mensuelle"] and next_mensuelle is None:
            form.add_error("send_to_mensuelle", "Aucune Mensuelle n'est programmée pour l'instant.")
        if not form.errors:
            try:
                question = services.question_ask(
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    axis=data["axis"],
                    territories=data["territories"],
                    about=about,
                    mensuelle=next_mensuelle if data["send_to_mensuelle"] else None,
                )
            except services.ExchangeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Votre question est publiée.")
                return redirect(question.get_absolute_url())
    about_page = about if about is not None and not form.is_bound else None
    return render(
        request,
        "exchange/question_form.html",
        {"form": form, "next_mensuelle": next_mensuelle, "about_page": about_page},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@member_required
def question_detail(request, pk: int):
    question = _question_or_404(pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                answer = services.answer_post(
                    question=question, author=request.user, body=form.cleaned_data["body"]
                )
            except services.ExchangeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Votre réponse est publiée.")
                return redirect(answer.get_absolute_url())
    user = request.user
    can_moderate = selectors.can_moderate(user)
    page_number = ListingForm(request.GET)  # a bad page number shows the first page
    answers = paginate(
        request,
        selectors.answer_list_for_question(question=question),
        per_page=ANSWERS_PER_PAGE,
        form=page_number if page_number.is_valid() else None,
    )
    return render(
        request,
        "exchange/question_detail.html",
        {
            "question": question,
            **answers,
            "form": form,
            "voted": selectors.question_voted_by(question=question, user=user),
            "can_retain": question.author_id == user.pk or can_moderate,
            "can_moderate": can_moderate,
            "about_label": pages.type_label(question.about) if question.about else "",
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@member_required
def question_edit(request, pk: int):
    question = _question_or_404(pk)
    _own(question, request.user)
    initial = {
        "title": question.title,
        "body": question.body,
        "axis": question.axis_id,
        "territories": [t.pk for t in question.territories.all()],
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.question_edit(question=question, **form.cleaned_data)
        messages.success(request, "Votre question est modifiée.")
        return redirect(question.get_absolute_url())
    return render(
        request,
        "exchange/question_edit.html",
        {"form": form, "question": question},
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def question_delete(request, pk: int):
    question = _question_or_404(pk)
    _own(question, request.user)
    services.message_delete(message=question)
    messages.success(request, "Votre question est supprimée.")
    return redirect("question-list")


@require_POST
@member_required
def question_vote(request, pk: int):
    question = _question_or_404(pk)
    if not question.is_visible:
        raise Http404("Cette question n'existe plus.")
    try:
        voted = services.question_vote_toggle(question=question, user=request.user)
    except services.ExchangeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "« Moi aussi » est enregistré." if voted else "Votre « Moi aussi » est retiré.",
        )
    return redirect(question.get_absolute_url())


@require_http_methods(["GET", "POST"])
@member_required
def question_treated(request, pk: int):
    """Animators: « traitée en Mensuelle », with the recording's moment."""
    if not selectors.can_moderate(request.user):
        raise PermissionDenied("Seuls les animateurs marquent une question traitée en Mensuelle.")
    question = _question_or_404(pk)
    if question.mensuelle_id is None:
        raise Http404("Cette question n'a pas été envoyée à une Mensuelle.")
    form = TreatedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recording = None
        if form.cleaned_data["recording"]:
            recording = pages.page_for_address(
                form.cleaned_data["recording"],
                labels=pages.RECORDING_TYPES,
                user=request.user,
                request=request,
            )
            if recording is None:
                form.add_error("recording", "Cette adresse n'est pas celle d'un enregistrement.")
        if not form.errors:
            services.question_mark_treated(
                question=question,
                by=request.user,
                recording=recording,
                seconds=form.cleaned_data["time"],
            )
            messages.success(request, "La question est marquée « traitée en Mensuelle ».")
            return redirect(question.get_absolute_url())
    return render(
        request,
        "exchange/question_treated.html",
        {"form": form, "question": question},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@member_required
def answer_edit(request, pk: int):
    answer = _answer_or_404(pk)
    _own(answer, request.user)
    form = MessageEditForm(request.POST or None, initial={"body": answer.body})
    if request.method == "POST" and form.is_valid():
        services.message_edit(message=answer, body=form.cleaned_data["body"])
        messages.success(request, "Votre réponse est modifiée.")
        return redirect(answer.get_absolute_url())
    return render(
        request,
        "exchange/message_edit.html",
        {
            "form": form,
            "message": answer,
            "heading": "Modifier ma réponse",
            "back_url": answer.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def answer_delete(request, pk: int):
    answer = _answer_or_404(pk)
    _own(answer, request.user)
    services.message_delete(message=answer)
    messages.success(request, "Votre réponse est supprimée.")
    return redirect(answer.question.get_absolute_url())


@require_POST
@member_required
def answer_retain(request, pk: int):
    answer = _answer_or_404(pk)
    question = answer.question
    if question.author_id != request.user.pk and not selectors.can_moderate(request.user):
        raise PermissionDenied("Seul l'auteur de la question ou un animateur retient une réponse.")
    try:
        services.answer_retain(answer=answer, by=request.user)
    except services.ExchangeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Réponse retenue : la question est résolue.")
    return redirect(answer.get_absolute_url())
