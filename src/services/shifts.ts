import type { ListResponse } from '@/types/api'
import type { Post } from '@/types/org'
import type { CalendarDay, CalendarDayInput, Gap, HomeSummary, PostInput, Shift, ShiftDetail, ShiftRole, ShiftTemplate, Swap, TemplateInput } from '@/types/shifts'
import type { SchoolSettings } from '@/domain/settings'
import type { Http } from './http'

const id = encodeURIComponent

export function createShiftsService(http: Http) {
  return {
    // posts and templates (police, principal)
    createPost: (schoolId: string, input: PostInput) => http.post<Post>(`/api/schools/${id(schoolId)}/posts`, input),
    updatePost: (postId: string, input: Partial<PostInput>) => http.put<Post>(`/api/posts/${id(postId)}`, input),
    templates: (schoolId: string) => http.get<ListResponse<ShiftTemplate>>(`/api/schools/${id(schoolId)}/templates`).then((r) => r.items),
    createTemplate: (schoolId: string, input: TemplateInput) => http.post<ShiftTemplate>(`/api/schools/${id(schoolId)}/templates`, input),
    /** Edits or deactivates a template; future shifts follow, signups stay. */
    updateTemplate: (templateId: string, input: TemplateInput & { active: boolean }) => http.put<ShiftTemplate>(`/api/templates/${id(templateId)}`, input),

    // term calendar and rule settings
    calendar: (schoolId: string) => http.get<ListResponse<CalendarDay>>(`/api/schools/${id(schoolId)}/calendar`).then((r) => r.items),
    setCalendarDay: (schoolId: string, date: string, input: CalendarDayInput) =>
      http.put<ListResponse<CalendarDay>>(`/api/schools/${id(schoolId)}/calendar/${id(date)}`, input).then((r) => r.items),
    deleteCalendarDay: (schoolId: string, date: string) => http.delete<ListResponse<CalendarDay>>(`/api/schools/${id(schoolId)}/calendar/${id(date)}`).then((r) => r.items),
    settings: (schoolId: string) => http.get<Partial<SchoolSettings>>(`/api/schools/${id(schoolId)}/settings`),

    // shifts
    list: (schoolId: string, from: string, to: string) => http.get<ListResponse<Shift>>(`/api/schools/${id(schoolId)}/shifts`, { from, to }).then((r) => r.items),
    detail: (shiftId: string) => http.get<ShiftDetail>(`/api/shifts/${id(shiftId)}`),
    mine: (when: 'upcoming' | 'past') => http.get<ListResponse<Shift>>('/api/me/shifts', { when }).then((r) => r.items),
    home: () => http.get<HomeSummary>('/api/home'),

    // signing up, releasing
    signUp: (shiftId: string, role: ShiftRole, waitlist: boolean) => http.post<Shift>(`/api/shifts/${id(shiftId)}/signups`, { role, waitlist }),
    release: (signupId: string) => http.post<Shift>(`/api/signups/${id(signupId)}/release`),

    // police: assign, remove, gaps
    assign: (shiftId: string, personId: string, role: ShiftRole) => http.post<ShiftDetail>(`/api/shifts/${id(shiftId)}/assignments`, { personId, role }),
    remove: (signupId: string, reason: string) => http.post<ShiftDetail>(`/api/signups/${id(signupId)}/remove`, { reason }),
    gaps: (schoolId: string, days = 14) => http.get<ListResponse<Gap>>(`/api/schools/${id(schoolId)}/gaps`, { days }).then((r) => r.items),

    // swaps
    offerSwap: (signupId: string, toPersonId: string | null) => http.post<Swap>(`/api/signups/${id(signupId)}/swap`, { toPersonId }),
    swaps: (schoolId: string) => http.get<ListResponse<Swap>>(`/api/schools/${id(schoolId)}/swaps`).then((r) => r.items),
    acceptSwap: (swapId: string) => http.post<Swap>(`/api/swaps/${id(swapId)}/accept`),
    cancelSwap: (swapId: string) => http.post<Swap>(`/api/swaps/${id(swapId)}/cancel`),
  }
}

export type ShiftsService = ReturnType<typeof createShiftsService>
