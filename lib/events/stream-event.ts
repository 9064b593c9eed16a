/** What the browser receives on the stream (and what /api/events?since= returns). */
export interface StreamEvent {
  id: number;
  type: string;
  printerId: string | null;
  createdAt: string;
  payload: unknown;
}
