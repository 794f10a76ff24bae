import { type Material } from '../editions/materials';
import { type ConditionStatus } from './evaluation';
import { type FileView } from './files';

/**
 * A file in a material slot: attached by the firm, then accepted or rejected by a reviewer;
 * replaced when another file takes the slot (kept as history).
 */
export type MaterialSlotStatus = 'attached' | 'accepted' | 'rejected' | 'replaced';

/** One file put into a material's slot. */
export interface SlotView {
  fileId: number;
  /** Null if the file is gone from the library. */
  file: FileView | null;
  status: MaterialSlotStatus;
  /** The last day the file is good evidence (YYYY-MM-DD); null: no end. */
  validUntil: string | null;
  /** Why a reviewer sent it back. */
  reason: string | null;
  attachedAt: string;
  reviewedAt: string | null;
}

/** One material an application asks for, with the file in its slot and the slot's history. */
export interface MaterialView extends Material {
  /** The conditions this material proves, with their clause and (once submitted) their status. */
  provesConditions: { id: string; clause: string; status: ConditionStatus | null }[];
  current: SlotView | null;
  history: SlotView[];
}

/** `GET /api/v1/applications/:id/materials`, and the answer of every change to them. */
export interface ApplicationMaterials {
  applicationId: number;
  materials: MaterialView[];
}

/** `PUT /api/v1/applications/:id/materials/:materialId`: a file of the firm's library into the slot. */
export interface AttachMaterialRequest {
  /**
   * @asType integer
   * @minimum 1
   */
  fileId: number;
}

/** `POST /api/v1/applications/:id/materials/:materialId/review`: a reviewer's decision. */
export interface ReviewMaterialRequest {
  decision: 'accept' | 'reject';
  /**
   * Required to reject: shown to the applicant as written (several lines are fine).
   * @maxLength 500
   */
  reason?: string;
}
