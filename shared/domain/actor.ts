/** Who performs a change, as the domain records it (`by`, `byName` of events and audit entries). */
export interface Actor {
  userId: string;
  name: string;
}
