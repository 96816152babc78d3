"""Admin form of recording pages (the document upload form is in document_forms.py)."""

from django import forms

from kb.models.mixins import AsciiSlugPageForm
from resources.transcripts import TranscriptError, check_webvtt, decode_transcript, normalize
from resources.uploads import extension_of

VIDEO_EXTENSIONS = {"mp4", "webm"}
SLIDES_EXTENSIONS = {"pdf", "pptx", "odp"}


class RecordingPageForm(AsciiSlugPageForm):
    """Takes the transcript as an uploaded WebVTT file (or pasted text), checked line by line."""

    transcript_file = forms.FileField(
        label="Fichier de transcription (WebVTT)",
        required=False,
        help_text="Fichier .vtt encodé en UTF-8 ; il remplace le texte ci-dessous et sert aussi "
        "de sous-titres au lecteur.",
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("transcript_file")
        if uploaded:
            if extension_of(uploaded.name) != "vtt":
                self.add_error(
                    "transcript_file",
                    "La transcription doit être un fichier WebVTT (extension « .vtt »).",
                )
            else:
                try:
                    text = decode_transcript(uploaded.read())
                    if not check_webvtt(text):
                        raise TranscriptError("Le fichier WebVTT ne contient aucun repère.")
                except TranscriptError as error:
                    self.add_error("transcript_file", error.message)
                else:
                    cleaned["transcript"] = normalize(text)
        elif cleaned.get("transcript"):
            try:
                check_webvtt(cleaned["transcript"])
            except TranscriptError as error:
                self.add_error("transcript", error.message)
            else:
                cleaned["transcript"] = normalize(cleaned["transcript"])
        video = cleaned.get("video")
        if video is not None and extension_of(video.filename) not in VIDEO_EXTENSIONS:
            self.add_error("video", "Le fichier vidéo doit être au format MP4 ou WebM.")
        slides = cleaned.get("slides")
        if slides is not None and extension_of(slides.filename) not in SLIDES_EXTENSIONS:
            self.add_error("slides", "Le support doit être un fichier PDF, PPTX ou ODP.")
        return cleaned
