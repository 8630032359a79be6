package io.tongxin.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** 委员工作站: a street- or township-level station with a head (站长) and members. */
@Entity
@Table(name = "workstation")
class Workstation extends CodedEntity {

    @Column(nullable = false, length = 200)
    String name;

    @Column(length = 200)
    String district;

    /** Code of the member who heads the station; the fallback for routing and escalation. */
    @Column(name = "head_member_code", length = 64)
    String headMemberCode;
}
