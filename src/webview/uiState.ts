/**
 * UI-only state that survives the webview being hidden and shown again (vscode.setState): which
 * group is selected, the timeline's filters, chart modes, pages, scroll position. Simulation state
 * is never stored here: the extension owns it and sends it in `init`.
 */
import { isRecord } from '../sim';
import { EVENT_CATEGORIES, EventCategory } from './explanations';

/** The lag chart: total lag in records, one line per partition, or the group's largest time lag. */
export type ChartMode = 'total' | 'partitions' | 'time';

export interface UiState {
  selectedGroup: string | null;
  categories: EventCategory[];
  filterText: string;
  chartMode: Record<string, ChartMode>;
  consumerPage: Record<string, number>;
  expandedEvent: number | null;
  stallMs: number;
  scrollY: number;
}

export const STALL_CHOICES_MS = [10_000, 30_000, 60_000, 360_000] as const;

export function defaultUiState(): UiState {
  return { selectedGroup: null, categories: [...EVENT_CATEGORIES], filterText: '', chartMode: {}, consumerPage: {}, expandedEvent: null, stallMs: 30_000, scrollY: 0 };
}

/** Whatever getState() returned, made safe: unknown or malformed fields take their defaults. */
export function restoreUiState(raw: unknown): UiState {
  const s = defaultUiState();
  if (!isRecord(raw)) return s;
  if (typeof raw.selectedGroup === 'string') s.selectedGroup = raw.selectedGroup;
  if (Array.isArray(raw.categories)) s.categories = EVENT_CATEGORIES.filter((c) => (raw.categories as unknown[]).includes(c));
  if (typeof raw.filterText === 'string') s.filterText = raw.filterText.slice(0, 200);
  if (isRecord(raw.chartMode)) for (const [k, v] of Object.entries(raw.chartMode)) if (v === 'total' || v === 'partitions' || v === 'time') s.chartMode[k] = v;
  if (isRecord(raw.consumerPage)) for (const [k, v] of Object.entries(raw.consumerPage)) if (Number.isInteger(v) && (v as number) >= 0) s.consumerPage[k] = v as number;
  if (typeof raw.expandedEvent === 'number' && Number.isInteger(raw.expandedEvent)) s.expandedEvent = raw.expandedEvent;
  if (typeof raw.stallMs === 'number' && (STALL_CHOICES_MS as readonly number[]).includes(raw.stallMs)) s.stallMs = raw.stallMs;
  if (typeof raw.scrollY === 'number' && Number.isFinite(raw.scrollY) && raw.scrollY >= 0) s.scrollY = raw.scrollY;
  return s;
}
