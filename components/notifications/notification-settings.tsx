"use client";

import { useState } from "react";
import type { ChannelsView } from "@/lib/alerts/notification-schemas";
import { ChannelForm } from "./channel-form";

/** The three channels; each save answers every channel, so the sources shown stay true. */
export function NotificationSettings({ initial }: { initial: ChannelsView }) {
  const [view, setView] = useState(initial);
  return (
    <div className="space-y-6">
      {view.channels.map((channel) => (
        <ChannelForm key={channel.channel} view={channel} catalogue={view.catalogue} severities={view.severities} onSaved={setView} />
      ))}
    </div>
  );
}
