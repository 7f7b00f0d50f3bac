/** Route parameters of the department and project pages, shared by the pages and the files beside them. */
import type { DepartmentView, ProjectView, SiteModel } from './site.ts';

export function departmentRoutes(model: SiteModel) {
  return model.departments.map((department: DepartmentView) => ({
    params: { region: department.data.region, year: String(department.data.year), department: department.key },
    props: { department },
  }));
}

export function projectRoutes(model: SiteModel) {
  return model.projects.map((project: ProjectView) => ({
    params: { region: project.data.region, year: String(project.data.year), department: project.data.department, project: project.data.id },
    props: { project },
  }));
}
