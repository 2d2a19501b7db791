"""Entity forms: one generic dialog (RecordForm) driven by declarative field lists."""

from workbench.views.forms.entities import FORMS
from workbench.views.forms.record_form import RecordForm
from workbench.views.forms.spec import FieldSpec, FormData, FormSpec, Section

__all__ = ["FORMS", "FieldSpec", "FormData", "FormSpec", "RecordForm", "Section"]
