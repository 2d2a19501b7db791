"""All services of one signed-in session, built once and handed to the window."""

from __future__ import annotations

from functools import cached_property

from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService
from workbench.services.analysis import chart_positions
from workbench.services.analysis.chart_positions import ChartPositionService
from workbench.services.analysis.communications import CommunicationsService
from workbench.services.analysis.network import NetworkService
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
from workbench.services.core.versions import VersionService
from workbench.services.registry.entries import RegistryService
from workbench.services.registry.operations import RegistryOperationRunner
from workbench.services.registry.reading import RegistryReader
from workbench.services.statistics.drilldown import DrillDownService
from workbench.services.statistics.export import StatisticsExport
from workbench.services.statistics.figures import StatisticsService


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
    def versions(self) -> VersionService:
        return VersionService(self.ctx)

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
        runner = OperationRunner(self.ctx)
        runner.extend(chart_positions.handlers(self.ctx))  # moving link-chart nodes
        return runner

    @cached_property
    def network(self) -> NetworkService:
        return NetworkService(self.ctx)

    @cached_property
    def chart_positions(self) -> ChartPositionService:
        return ChartPositionService(self.ctx)

    @cached_property
    def preview(self) -> ValidationPreview:
        return ValidationPreview(self.ctx)

    @cached_property
    def communications(self) -> CommunicationsService:
        return CommunicationsService(self.ctx)

    @cached_property
    def attachments(self) -> AttachmentService:
        return AttachmentService(self.ctx)

    # -- the drug-user registry and the brigade statistics (no case involved) ----------

    @cached_property
    def registry(self) -> RegistryService:
        return RegistryService(self.ctx)

    @cached_property
    def registry_reader(self) -> RegistryReader:
        return RegistryReader(self.ctx)

    @cached_property
    def registry_operations(self) -> RegistryOperationRunner:
        return RegistryOperationRunner(self.ctx)

    @cached_property
    def statistics(self) -> StatisticsService:
        return StatisticsService(self.ctx)

    @cached_property
    def drilldown(self) -> DrillDownService:
        return DrillDownService(self.ctx)

    @cached_property
    def statistics_export(self) -> StatisticsExport:
        return StatisticsExport(self.ctx)

    @cached_property
    def tables(self):  # type: ignore[no-untyped-def]
        from workbench.services.casefile.tables import TableService  # written alongside the window

        return TableService(self.ctx)
