import { z } from 'zod';
import { GROUP_STATES } from '../groups/group-state';

const base = {
  group_id: z.string().min(1),
  generation: z.number().int().min(-1),
  at: z.string().datetime(),
};

const memberFields = {
  member_id: z.string(),
  group_instance_id: z.string().nullish(),
  client_id: z.string().optional(),
  client_host: z.string().optional(),
};

/** What the broker's coordinator appends to `broker:group-events` as groups change. */
export const groupEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('member_joined'), ...base, ...memberFields }),
  z.object({ type: z.literal('member_left'), ...base, ...memberFields, reason: z.string() }),
  z.object({ type: z.literal('member_expired'), ...base, ...memberFields, reason: z.string() }),
  z.object({ type: z.literal('rebalance_started'), ...base, reason: z.string(), members: z.number().int().min(0) }),
  z.object({
    type: z.literal('rebalance_completed'),
    ...base,
    reason: z.string(),
    members: z.number().int().min(0),
    duration_ms: z.number().min(0),
    protocol: z.string().nullish(),
    leader: z.string().nullish(),
  }),
  z.object({ type: z.literal('group_state_changed'), ...base, from: z.enum(GROUP_STATES), to: z.enum(GROUP_STATES) }),
]);

export type GroupEvent = z.infer<typeof groupEventSchema>;
export type GroupEventType = GroupEvent['type'];
