"use client";
/**
 * A class's live dashboard view: starts from the server's first render, opens the instructor's
 * socket, sends `class.watch` on every connect (the first, and again after a server restart,
 * when the reply replaces the view), and applies `dashboard.batch` and `class.state` pushes.
 * Other pushes go to `onPush` (drill-ins, messages). `epoch` counts connections, so a caller can
 * renew its own subscriptions (a drill-in) after a reconnect.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ClassStateView, DashboardBatch, DashboardView, ServerPush } from "@/game/class-protocol";
import { applyBatch, applyClassState } from "@/app/_lib/dashboard-batch";
import { openClassSocket, PUSH_EVENT, sendOn, V, type Send } from "./class-socket";
import type { Socket } from "socket.io-client";
import { retryPassingRefusals } from "@/app/_lib/retry-refusal";

type Change = { type: "replace"; view: DashboardView } | { type: "batch"; batch: DashboardBatch } | { type: "state"; state: ClassStateView };

function reduce(view: DashboardView, change: Change): DashboardView {
  switch (change.type) {
    case "replace":
      return change.view.class.id === view.class.id ? change.view : view;
    case "batch":
      return applyBatch(view, change.batch);
    case "state":
      return applyClassState(view, change.state);
    default: {
      const never: never = change;
      return never;
    }
  }
}

export interface ClassWatch {
  readonly view: DashboardView;
  readonly connected: boolean;
  /** Why the socket or the watch was refused, as the server said it. */
  readonly problem: string | undefined;
  readonly epoch: number;
  readonly send: Send;
  /** A control's ack carries the class's new state: show it without waiting for the push. */
  readonly takeState: (state: ClassStateView) => void;
}

export function useClassWatch(initial: DashboardView, onPush?: (push: ServerPush) => void): ClassWatch {
  const classId = initial.class.id;
  const [view, dispatch] = useReducer(reduce, initial);
  const [connected, setConnected] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [epoch, setEpoch] = useState(0);
  const socket = useRef<Socket | undefined>(undefined);
  const pushed = useRef(onPush);
  useEffect(() => {
    pushed.current = onPush;
  }, [onPush]);

  useEffect(() => {
    const listen = (s: Socket) => {
      s.on("connect", () => {
        setConnected(true);
        setEpoch((n) => n + 1);
        void sendOn(s, { v: V, type: "class.watch", classId }).then((reply) => {
          if (!reply.ok) return setProblem(reply.error);
          setProblem(undefined);
          if (reply.type === "dashboard") dispatch({ type: "replace", view: reply.dashboard });
        });
      });
      s.on("disconnect", () => setConnected(false));
      s.on("connect_error", (error: Error) => {
        setConnected(false);
        setProblem(error.message);
      });
      s.on(PUSH_EVENT, (push: ServerPush) => {
        if (push.type === "dashboard.batch") dispatch({ type: "batch", batch: push.batch });
        else if (push.type === "class.state") dispatch({ type: "state", state: push.state });
        pushed.current?.(push);
      });
    };
    let closed = false;
    let opened: Socket | undefined;
    let stopRetries: (() => void) | undefined;
    void openClassSocket().then((s) => {
      if (closed) return void s.close();
      opened = s;
      socket.current = s;
      listen(s);
      stopRetries = retryPassingRefusals(s);
    });
    return () => {
      closed = true;
      socket.current = undefined;
      stopRetries?.();
      opened?.close();
    };
  }, [classId]);

  const send = useCallback<Send>((message) => (socket.current ? sendOn(socket.current, message) : Promise.resolve({ ok: false, error: "not connected to the server" })), []);
  const takeState = useCallback((state: ClassStateView) => dispatch({ type: "state", state }), []);
  return { view, connected, problem, epoch, send, takeState };
}
