/** A would-be partner's application to a program (`/join/<program>`, issue 27), as plain data. */
export type ApplicationStatus = "pending" | "approved" | "rejected";

export interface Application {
  id: string;
  programId: string;
  name: string;
  email: string;
  website: string | null;
  promotion: string;
  status: ApplicationStatus;
  /** The partner an approval created. */
  partnerId: string | null;
  /** Why it was rejected, when the operator said. */
  reason: string | null;
  createdAt: number;
  decidedAt: number | null;
}
