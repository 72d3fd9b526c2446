package dev.dbplane.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The name this instance goes by among the replicas: in the scheduler's table, which tells whose
 * heartbeat stopped, and in the events of the jobs it starts. Unique even for two instances on one
 * host.
 */
record InstanceName(String value) {

  static InstanceName ofThisHost() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new InstanceName((host.length() > 40 ? host.substring(0, 40) : host) + "-" + suffix);
  }

  @Override
  public String toString() {
    return value;
  }
}
