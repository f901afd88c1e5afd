from django import forms

from reflections.models import ReflectiveNote


class NoteForm(forms.ModelForm):
    class Meta:
        model = ReflectiveNote
        fields = ["title", "body"]
        labels = {"title": "Title (optional)", "body": "Your note"}
