"""The form for suggesting something a meeting could talk about."""

from __future__ import annotations

from django import forms

from meetings.agenda.models import AgendaItem


class AgendaProposeForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "details", "show_name"]
        labels = {
            "title": "What would you like the group to talk about?",
            "details": "More about it (optional)",
            "show_name": "Show my name with it on the agenda",
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}
