/**
 * What one provider process learns about the resources of the Terraform run it serves.
 * Terraform starts a provider for each graph walk (a plan, an apply, an import) and never says
 * which resource a call is for, so this is how the provider keeps one PT to one resource anyway:
 * an ARN read for two resources, a name two resources plan to create, a journal intent two
 * creates would resume, a PT two creates would take, and a delete of a PT this run just bought
 * are all seen here.
 */
import type { SingleDesired } from '../../engine/plan/single-resource';

export class RunRegistry {
  private readonly reads = new Map<string, number>();
  private readonly tracked = new Set<string>();
  private readonly creates: SingleDesired[] = [];
  private readonly boughtArns = new Set<string>();
  private readonly claims = new Set<string>();
  private readonly own = new Set<string>();

  /** A ReadResource of `arn`; false when another resource of this run read it already. */
  read(arn: string): boolean {
    const count = (this.reads.get(arn) ?? 0) + 1;
    this.reads.set(arn, count);
    this.tracked.add(arn);
    return count === 1;
  }

  /** `arn` is in Terraform's state for some resource of this run (a prior state, an import). */
  track(arn: string): void {
    if (arn) this.tracked.add(arn);
  }

  isTracked(arn: string): boolean {
    return this.tracked.has(arn);
  }

  /** Creates planned so far in this run, each taking its name. */
  plannedCreates(): SingleDesired[] {
    return [...this.creates];
  }

  planCreate(desired: SingleDesired): void {
    this.creates.push(desired);
  }

  /** A create of this run resumes the journal intent with `token`; false when another already does. */
  claim(token: string): boolean {
    if (this.claims.has(token)) return false;
    this.claims.add(token);
    return true;
  }

  isClaimed(token: string): boolean {
    return this.claims.has(token);
  }

  /** A create of this run recorded the journal intent with `token`: it is in flight here, not left by an interrupted run. */
  sending(token: string): void {
    this.own.add(token);
  }

  isOwn(token: string): boolean {
    return this.own.has(token);
  }

  /** A create of this run bought (or was answered with) `arn`. */
  bought(arn: string): void {
    this.boughtArns.add(arn);
  }

  wasBought(arn: string): boolean {
    return this.boughtArns.has(arn);
  }
}
