/** The package ioredis's Cluster client routes keys with; it ships no types of its own. */
declare module 'cluster-key-slot' {
  export default function calculateSlot(key: string): number;
}
