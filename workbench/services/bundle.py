"""All services of one signed-in session, built once and handed to the window."""

from __future__ import annotations

from functools import cached_property

from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService
from workbench.services.analysis.communications import CommunicationsService
from workbench.services.analysis.overview import OverviewService
from workbench.services.casefile.attachments import AttachmentService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.namesakes import NamesakeService
from workbench.services.casefile.operations import OperationRunner
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.preview import ValidationPreview
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.search import SearchService
from workbench.services.casefile.vehicles import VehicleService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context


class Services:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @cached_property
    def cases(self) -> CaseService:
        return CaseService(self.ctx)

    @cached_property
    def persons(self) -> PersonService:
        return PersonService(self.ctx)

    @cached_property
    def vehicles(self) -> VehicleService:
        return VehicleService(self.ctx)

    @cached_property
    def records(self) -> RecordService:
        return RecordService(self.ctx)

    @cached_property
    def users(self) -> UserService:
        return UserService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        return AuditService(self.ctx)

    @cached_property
    def overview(self) -> OverviewService:
        return OverviewService(self.ctx)

    @cached_property
    def access(self) -> AccessService:
        return AccessService(self.ctx)

    @cached_property
    def search(self) -> SearchService:
        return SearchService(self.ctx)

    @cached_property
    def namesakes(self) -> NamesakeService:
        return NamesakeService(self.ctx)

    @cached_property
    def operations(self) -> OperationRunner:
        return OperationRunner(self.ctx)

    @cached_property
    def preview(self) -> ValidationPreview:
        return ValidationPreview(self.ctx)

    @cached_property
    def communications(self) -> CommunicationsService:
        return CommunicationsService(self.ctx)

    @cached_property
    def attachments(self) -> AttachmentService:
        return AttachmentService(self.ctx)

    @cached_property
    def tables(self):  # type: ignore[no-untyped-def]
        from workbench.services.casefile.tables import TableService  # written alongside the window

        return TableService(self.ctx)
