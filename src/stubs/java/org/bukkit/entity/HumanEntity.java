package org.bukkit.entity;

public interface HumanEntity extends LivingEntity {
}
