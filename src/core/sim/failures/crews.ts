/**
 * Shared repair crews for nodes: at most `crews` node repairs in progress at once; a failed node waits for a free
 * crew, first come first served, in a ring buffer (no allocation after construction).
 */

/** The crews' state: how many are busy, and the FIFO queue of nodes waiting for one. */
export class RepairCrews {
  /** FIFO queue of nodes waiting for a crew (ring buffer). */
  private readonly queue: Int32Array;
  private qHead = 0;
  private qLen = 0;
  private busy = 0;

  /** `crews` crews; room for `capacity` waiting nodes (at least 1). */
  constructor(
    private readonly crews: number,
    capacity: number,
  ) {
    this.queue = new Int32Array(Math.max(1, capacity));
  }

  /** Node c failed: true when a crew was free (it starts the repair), false when c joins the queue. */
  claim(c: number): boolean {
    if (this.busy < this.crews) {
      this.busy++;
      return true;
    }
    this.queue[(this.qHead + this.qLen) % this.queue.length] = c;
    this.qLen++;
    return false;
  }

  /** A node's repair ended: its crew takes the first waiting node, returned (its repair starts now), or -1. */
  release(): number {
    this.busy--;
    if (this.qLen > 0) {
      const next = this.queue[this.qHead] as number;
      this.qHead = (this.qHead + 1) % this.queue.length;
      this.qLen--;
      this.busy++;
      return next;
    }
    return -1;
  }
}
